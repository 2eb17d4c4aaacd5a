import { ChannelError, type FetchedMedia, type FetchMediaRequest, type SendContext } from '@fio/channel-kit';
import type { WhatsAppConfig, WhatsAppSecrets } from '../definition.ts';
import { parseMediaRef } from '../media-ref.ts';
import { downloadMedia, getMediaInfo, tooLarge } from './whatsapp-api-client.ts';

/**
 * Downloads inbound media: `GET /{version}/{media-id}` for a short-lived URL, then that URL with the
 * same bearer token. The declared size is checked before downloading and the bytes while reading.
 */
export async function fetchMedia(req: FetchMediaRequest, ctx: SendContext<WhatsAppConfig, WhatsAppSecrets>): Promise<FetchedMedia> {
  const mediaId = parseMediaRef(req.ref);
  if (mediaId === null) {
    throw new ChannelError({ code: 'rejected', message: `not a WhatsApp media reference: ${req.ref.slice(0, 60)}`, retryable: false });
  }
  const conn = {
    apiBaseUrl: ctx.config.apiBaseUrl,
    apiVersion: ctx.config.apiVersion,
    accessToken: ctx.secrets.accessToken,
    fetch: ctx.fetch,
    now: ctx.now(),
  };
  const info = await getMediaInfo(conn, mediaId);
  if (info.file_size !== undefined && info.file_size > req.maxBytes) throw tooLarge(info.file_size, req.maxBytes);
  const body = await downloadMedia(conn, info.url, req.maxBytes);
  return { body, mimeType: info.mime_type || req.mimeType || 'application/octet-stream' };
}
