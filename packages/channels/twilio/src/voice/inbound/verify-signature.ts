import type { ConnectionContext, RawWebhookRequest, VerifyResult } from '@fio/channel-kit';
import { verifyTwilioSignature } from '../../shared/verify-twilio-signature.ts';
import type { VoiceConfig, VoiceSecrets } from '../definition.ts';

/**
 * Every voice webhook (call, Gather result, redirect, status callback) is signed the Twilio way over
 * the URL and the sorted parameters. Pure. SignalWire names the header after itself and may sign with
 * a key of its own; the scheme is the same.
 */
export function verifySignature(req: RawWebhookRequest, ctx: ConnectionContext<VoiceConfig, VoiceSecrets>): VerifyResult {
  return verifyTwilioSignature({
    url: req.url,
    rawBody: req.rawBody,
    contentType: req.headers['content-type'],
    signature: req.headers['x-twilio-signature'] ?? req.headers['x-signalwire-signature'],
    authToken: ctx.secrets.signingKey || ctx.secrets.authToken,
  });
}
