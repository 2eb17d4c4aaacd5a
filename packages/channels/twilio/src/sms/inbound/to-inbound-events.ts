import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import type { ParseResult, RawWebhookRequest } from '@fio/channel-kit';
import { readFormParams, type FormParams } from './read-form-params.ts';
import { readMessageContents } from './read-message-contents.ts';
import { readSender } from './read-sender.ts';
import { readStatusEvent } from './read-status-event.ts';

const sidPattern = /^[A-Za-z0-9]{2,64}$/;

/**
 * Pure: one Twilio Messaging webhook → canonical events. The same URL receives incoming messages and the
 * status callbacks of messages Fio sent (`MessageStatus`); both carry the message's SID, which is the
 * dedupe key and the provider id of the message. Bodies that are not Twilio's are refused with a reason.
 */
export function toInboundEvents(req: RawWebhookRequest, ctx: { config: { accountSid: string } }): ParseResult {
  const form = readFormParams(req.rawBody, req.headers['content-type']);
  if (!form.ok) return form;
  const { params } = form;

  const sid = readMessageSid(params);
  if (!sid.ok) return sid;
  const accountSid = params.get('AccountSid');
  if (accountSid !== undefined && accountSid !== ctx.config.accountSid) {
    return { ok: false, reason: `the webhook is for another Twilio account (${accountSid.slice(0, 40)})` };
  }
  const apiVersion = params.get('ApiVersion');
  if (apiVersion !== undefined && apiVersion !== '2010-04-01') {
    return { ok: false, reason: `unknown ApiVersion "${apiVersion.slice(0, 20)}"` };
  }
  // Twilio sends AccountSid and ApiVersion together (ApiVersion last): one without the other is a cut body.
  if ((accountSid === undefined) !== (apiVersion === undefined)) {
    return { ok: false, reason: 'the body looks cut short: AccountSid and ApiVersion come together' };
  }

  // Status callbacks carry MessageStatus (older ones only SmsStatus); an incoming message is "received"
  // ("receiving" while Twilio still stores its media: the parameters are already all there).
  const status = params.get('MessageStatus') ?? params.get('SmsStatus');
  if (status !== undefined && status !== 'received' && status !== 'receiving') return readStatusEvent(sid.value, status, params);
  return readIncomingMessage(sid.value, params);
}

function readMessageSid(params: FormParams): { ok: true; value: string } | { ok: false; reason: string } {
  // SmsSid and SmsMessageSid are the deprecated names of MessageSid; all three name the same message.
  const names = ['MessageSid', 'SmsMessageSid', 'SmsSid'].filter((name) => params.has(name));
  const values = new Set(names.map((name) => params.get(name)));
  const [value] = values;
  if (value === undefined || value === '') return { ok: false, reason: 'the body has no MessageSid: not a Twilio message webhook' };
  if (values.size > 1) return { ok: false, reason: 'MessageSid, SmsSid and SmsMessageSid disagree' };
  if (!sidPattern.test(value)) return { ok: false, reason: `MessageSid "${value.slice(0, 40)}" is not a Twilio SID` };
  return { ok: true, value };
}

function readIncomingMessage(sid: string, params: FormParams): ParseResult {
  const sender = readSender(params);
  if (!sender.ok) return sender;
  const contents = readMessageContents(params, sender.whatsapp);
  if (!contents.ok) return contents;
  const repliedTo = params.get('OriginalRepliedMessageSid')?.trim();

  const events: InboundEvent[] = contents.contents.map((content, index) => {
    const event: InboundMessageEvent = {
      type: 'message',
      // One MMS with several media becomes several messages: each needs its own dedupe key.
      providerMessageId: index === 0 ? sid : `${sid}/${index}`,
      sender: sender.sender,
      content,
    };
    // The later media are parts of the one MMS the customer sent: the bot answers it once.
    if (index > 0) event.partOf = sid;
    if (repliedTo && sidPattern.test(repliedTo)) event.replyToProviderMessageId = repliedTo;
    if (content.kind === 'unsupported') event.raw = Object.fromEntries(params);
    return event;
  });
  return { ok: true, events };
}
