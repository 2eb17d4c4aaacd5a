import type { RawWebhookRequest, VerifyResult } from '@fio/channel-kit';
import { verifyTwilioSignature } from '../../shared/verify-twilio-signature.ts';

/**
 * Pure and constant-time: X-Twilio-Signature over the public URL Twilio called (FIO_PUBLIC_URL plus the
 * webhook path, as the server builds `req.url`) and the sorted form parameters, keyed by the Auth Token.
 */
export function verifySmsRequest(req: RawWebhookRequest, authToken: string | undefined): VerifyResult {
  return verifyTwilioSignature({
    url: req.url,
    rawBody: req.rawBody,
    contentType: req.headers['content-type'],
    signature: req.headers['x-twilio-signature'],
    authToken,
  });
}
