import type { ConnectionContext, RawWebhookRequest, VerifyResult } from '@fio/channel-kit';
import { verifyTwilioSignature } from '../../shared/verify-twilio-signature.ts';
import type { VoiceConfig, VoiceSecrets } from '../definition.ts';

/** Every voice webhook (call, Gather result, redirect, status callback) carries X-Twilio-Signature. Pure. */
export function verifySignature(req: RawWebhookRequest, ctx: ConnectionContext<VoiceConfig, VoiceSecrets>): VerifyResult {
  return verifyTwilioSignature({
    url: req.url,
    rawBody: req.rawBody,
    contentType: req.headers['content-type'],
    signature: req.headers['x-twilio-signature'],
    authToken: ctx.secrets.authToken,
  });
}
