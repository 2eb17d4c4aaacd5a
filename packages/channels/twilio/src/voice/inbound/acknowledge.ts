import type { ConnectionContext, RawWebhookRequest, WebhookAck } from '@fio/channel-kit';
import type { InboundEvent } from '@fio/contracts';
import type { VoiceConfig, VoiceSecrets } from '../definition.ts';
import { greetingTurn } from '../twiml/call-step.ts';
import {
  afterDialTwiml,
  afterHoldTwiml,
  afterPromptTwiml,
  emptyTwiml,
  greetingTwiml,
  holdingTwiml,
  type VoiceTwimlContext,
} from '../twiml/voice-twiml.ts';
import { parseVoiceRequest } from './parse-voice-request.ts';

/**
 * The TwiML that answers each webhook: Twilio plays it right away, while the bot's reply is prepared
 * by a worker and arrives later as a Calls API update. A new call hears the greeting; an utterance
 * gets a holding Gather (the caller may keep talking); silence gets a bounded re-prompt; status
 * callbacks get an empty document.
 */
export function acknowledge(
  _events: InboundEvent[],
  req: RawWebhookRequest,
  ctx: ConnectionContext<VoiceConfig, VoiceSecrets>,
): WebhookAck {
  const parsed = parseVoiceRequest(req, ctx.config.accountSid);
  if (!parsed.ok) return twiml(emptyTwiml());
  const c: VoiceTwimlContext = { config: ctx.config, webhookUrl: ctx.webhookUrl ?? withoutQuery(req.url) };
  const { what } = parsed.request;
  switch (what.kind) {
    case 'status':
      return twiml(emptyTwiml());
    case 'call-start':
      return twiml(greetingTwiml(c));
    case 'input':
      return twiml(holdingTwiml(c, what.step?.turn ?? greetingTurn, what.step?.seq ?? 0, 1));
    case 'after-dial':
      return twiml(afterDialTwiml(c, what.step.turn, what.step.seq, what.dialCallStatus));
    case 'no-input': {
      const step = what.step;
      if (step === null) return twiml(greetingTwiml(c));
      switch (step.kind) {
        case 'after-hold':
          return twiml(afterHoldTwiml(c, step.turn, step.seq, step.tries));
        case 'after-prompt':
          return twiml(afterPromptTwiml(c, step.turn, step.seq, step.tries));
        case 'gather':
        case 'after-dial':
          // A Gather that posted an empty result (actionOnEmptyResult): the same as its prompt going unanswered.
          return twiml(afterPromptTwiml(c, step.turn, step.seq, 1));
      }
    }
  }
}

function twiml(body: string): WebhookAck {
  return { status: 200, body, contentType: 'text/xml; charset=utf-8' };
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
