import type { FetchedMedia, FetchMediaRequest, SendContext } from '@fio/channel-kit';
import { downloadTwilioMedia } from '../../shared/download-twilio-media.ts';
import { createTwilioRestClient } from '../../shared/twilio-rest-client.ts';
import type { SmsConfig, SmsSecrets } from '../definition.ts';

/** Downloads an inbound MediaUrlN (the ref the inbound event carries) with the connection's credentials. */
export async function fetchMedia(req: FetchMediaRequest, ctx: SendContext<SmsConfig, SmsSecrets>): Promise<FetchedMedia> {
  const client = createTwilioRestClient({
    apiBaseUrl: ctx.config.apiBaseUrl,
    accountSid: ctx.config.accountSid,
    authToken: ctx.secrets.authToken,
    fetch: ctx.fetch,
  });
  const media = await downloadTwilioMedia({
    url: req.ref,
    apiBaseUrl: ctx.config.apiBaseUrl,
    authorization: client.authorization(),
    maxBytes: req.maxBytes,
    fetch: ctx.fetch,
    now: ctx.now(),
  });
  return { body: media.body, mimeType: media.mimeType ?? req.mimeType ?? 'application/octet-stream' };
}
