import type { ConnectionContext, ParseResult, RawWebhookRequest } from '@fio/channel-kit';
import type { InboundEvent } from '@fio/contracts';
import type { VoiceConfig, VoiceSecrets } from '../definition.ts';
import { callerIdentities } from './caller-identities.ts';
import { parseVoiceRequest, type VoiceRequest } from './parse-voice-request.ts';

/**
 * Voice webhooks → canonical events. Pure. Only what the caller said or keyed in is a message; the
 * call ringing, redirects, silence and status callbacks are the call's plumbing (zero events).
 * Replies go to the live call, so the sender's address is the CallSid.
 */
export function toInboundEvents(req: RawWebhookRequest, ctx: ConnectionContext<VoiceConfig, VoiceSecrets>): ParseResult {
  const parsed = parseVoiceRequest(req, ctx.config.accountSid);
  if (!parsed.ok) return parsed;
  const { call, what, params } = parsed.request;
  if (what.kind !== 'input') return { ok: true, events: [] };

  const event: InboundEvent = {
    type: 'message',
    providerMessageId: utteranceId(parsed.request),
    sender: {
      address: call.callSid,
      ...(call.callerName ? { displayName: call.callerName.slice(0, 256) } : {}),
      locale: ctx.config.language,
      identities: callerIdentities(call),
    },
    content: { kind: 'text', text: what.input.text },
    raw: params,
  };
  return { ok: true, events: [event] };
}

/**
 * The dedupe key of one utterance: the call and the Gather that heard it (each Gather we emit has its
 * own action URL). A request without our step (a number whose webhook posts Gather results itself)
 * falls back to what was said, so a retried callback still dedupes.
 */
function utteranceId(request: VoiceRequest): string {
  const { call, what } = request;
  if (what.kind !== 'input') return call.callSid;
  if (what.step) return `${call.callSid}:${what.step.turn}:${what.step.seq}`;
  return `${call.callSid}:input:${what.input.via}:${what.input.text}`.slice(0, 256);
}
