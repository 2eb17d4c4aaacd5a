import { ChannelError, type OutboundMessage, type SendContext, type SendResult } from '@fio/channel-kit';
import { z } from 'zod';
import { createTwilioRestClient, type TwilioRestClient } from '../../shared/twilio-rest-client.ts';
import type { SmsConfig, SmsSecrets } from '../definition.ts';
import { renderTwilioMessages, type TwilioMessageParts } from './render-twilio-messages.ts';

const messageResourceSchema = z.object({ sid: z.string().min(1).max(256), status: z.string().optional() });
const recipientPattern = /^(whatsapp:)?(\+[1-9]\d{6,14}|[A-Z]{2}\.[A-Za-z0-9]{1,128})$/;

/** How long a later part of a split message may wait for Twilio in-line before the send gives up. */
const maxInlineWaitMs = 10_000;
const whatsappWindowMs = 24 * 60 * 60 * 1000;

/**
 * Sends one canonical message as one or more Messages API calls (a long text in parts, a caption that
 * overflows its media). The provider id reported is the last part's SID: its status callbacks tell
 * when the whole message arrived, since Twilio releases one sender's messages in order.
 */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<SmsConfig, SmsSecrets>): Promise<SendResult> {
  const to = recipientAddress(message.recipient.address, ctx.config);
  if (to.startsWith('whatsapp:')) refuseOutsideWhatsappWindow(message.lastInboundAt, ctx.now());
  const parts = renderTwilioMessages(message.content, {
    maxSegmentsPerMessage: ctx.config.maxSegmentsPerMessage,
    segmented: !to.startsWith('whatsapp:'),
    sendMediaAs: ctx.config.sendMediaAs,
  });
  const client = createTwilioRestClient({
    apiBaseUrl: ctx.config.apiBaseUrl,
    accountSid: ctx.config.accountSid,
    authToken: ctx.secrets.authToken,
    fetch: ctx.fetch,
    now: ctx.now,
  });
  const statusCallback = ctx.config.statusCallback ?? ctx.webhookUrl;

  let lastSid = '';
  for (const [index, part] of parts.entries()) {
    const params = { To: to, ...sender(ctx.config), ...bodyParams(part), StatusCallback: statusCallback };
    // The first call may fail whole and be retried by the delivery worker. Once a part went out, a
    // retry of the whole message would send it twice, so later parts get their retries here instead.
    lastSid = index === 0 ? await createMessage(client, params) : await createRemainingPart(client, params, index, parts.length);
  }
  return { providerMessageId: lastSid, status: 'sent' };
}

type MessageParams = Record<string, string | string[] | undefined>;

async function createMessage(client: TwilioRestClient, params: MessageParams): Promise<string> {
  const answer = messageResourceSchema.safeParse(await client.postForm(client.accountPath('Messages.json'), params));
  if (!answer.success) {
    throw new ChannelError({ code: 'rejected', message: 'Twilio accepted the message but answered without its sid', retryable: false });
  }
  return answer.data.sid;
}

async function createRemainingPart(client: TwilioRestClient, params: MessageParams, index: number, total: number): Promise<string> {
  let waitedMs = 0;
  for (;;) {
    try {
      return await createMessage(client, params);
    } catch (error) {
      const wait = error instanceof ChannelError && error.retryable ? Math.max(error.retryAfterMs ?? 1000, 250) : null;
      if (wait !== null && waitedMs + wait <= maxInlineWaitMs) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        waitedMs += wait;
        continue;
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ChannelError({
        code: error instanceof ChannelError ? error.code : 'provider_unavailable',
        message: `parts 1-${index} of ${total} went out; part ${index + 1} failed, so the rest was not sent: ${reason}`,
        // Not retryable as a whole: the parts already delivered would go out again.
        retryable: false,
        providerCode: error instanceof ChannelError ? error.providerCode : undefined,
        cause: error,
      });
    }
  }
}

/**
 * WhatsApp (through Twilio too) takes free-form messages only within 24 hours of the customer's last
 * message; Twilio would accept the call and fail it later (63016). Saying so now tells the agent why.
 * SMS has no such window, so the channel declares none and checks here for WhatsApp recipients only.
 */
function refuseOutsideWhatsappWindow(lastInboundAt: string | null | undefined, now: Date): void {
  if (lastInboundAt === undefined) return;
  const last = lastInboundAt === null ? Number.NaN : Date.parse(lastInboundAt);
  if (!Number.isNaN(last) && now.getTime() - last <= whatsappWindowMs) return;
  throw new ChannelError({
    code: 'outside_reply_window',
    message:
      lastInboundAt === null
        ? 'the customer has not written on WhatsApp yet: only an approved template can start the conversation'
        : `the customer's last WhatsApp message is more than 24 hours old (${lastInboundAt}): only an approved template can go out`,
    retryable: false,
    providerCode: '63016',
  });
}

/** The customer's address as Twilio wants it: a WhatsApp connection's recipients carry `whatsapp:`. */
function recipientAddress(address: string, config: SmsConfig): string {
  const bare = address.trim();
  const to = !bare.includes(':') && config.from?.startsWith('whatsapp:') ? `whatsapp:${bare}` : bare;
  if (!recipientPattern.test(to)) {
    throw new ChannelError({
      code: 'rejected',
      message: `"${address.slice(0, 64)}" is not a phone number in E.164 form (+5511987654321) or a WhatsApp address`,
      retryable: false,
    });
  }
  return to;
}

function sender(config: SmsConfig): { MessagingServiceSid: string } | { From: string } {
  if (config.messagingServiceSid) return { MessagingServiceSid: config.messagingServiceSid };
  if (config.from) return { From: config.from };
  throw new ChannelError({ code: 'rejected', message: 'the connection has no sender (from or messagingServiceSid)', retryable: false });
}

function bodyParams(part: TwilioMessageParts): MessageParams {
  return { Body: part.Body, MediaUrl: part.MediaUrl };
}
