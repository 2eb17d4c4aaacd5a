import { ChannelError, type FetchMediaRequest, type FetchedMedia, type SendContext } from '@fio/channel-kit';
import { z } from 'zod';
import type { TelegramConfig, TelegramSecrets } from '../definition.ts';
import { fileIdFromRef } from '../provider-ids.ts';
import { createBotApiClient } from './bot-api-client.ts';

/** Bots may download files of up to 20 MB through the cloud Bot API (getFile). */
export const maxBotDownloadBytes = 20 * 1024 * 1024;

const fileSchema = z.looseObject({
  file_id: z.string(),
  file_size: z.number().int().nonnegative().optional(),
  file_path: z.string().min(1).max(1024).optional(),
});

const typesByExtension: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
};

/**
 * Downloads a file the customer sent: getFile names its path (valid about an hour), then the file
 * itself comes from `/file/bot<token>/<path>`, size-capped while reading. The type is the one the
 * update declared, else the path's extension (Telegram serves most files as octet-stream).
 */
export async function fetchMedia(req: FetchMediaRequest, ctx: SendContext<TelegramConfig, TelegramSecrets>): Promise<FetchedMedia> {
  const fileId = fileIdFromRef(req.ref);
  if (fileId === null)
    throw new ChannelError({ code: 'rejected', message: `"${req.ref.slice(0, 80)}" is not a Telegram file reference`, retryable: false });
  const client = createBotApiClient({ apiBaseUrl: ctx.config.apiBaseUrl, botToken: ctx.secrets.botToken, fetch: ctx.fetch, now: ctx.now });
  const maxBytes = Math.min(req.maxBytes, maxBotDownloadBytes);

  const file = fileSchema.safeParse(await client.call('getFile', { file_id: fileId }));
  if (!file.success || file.data.file_path === undefined) {
    throw new ChannelError({ code: 'rejected', message: 'Telegram gave no download path for the file', retryable: false });
  }
  if (file.data.file_size !== undefined && file.data.file_size > maxBytes) {
    throw new ChannelError({
      code: 'rejected',
      message: `the file is ${file.data.file_size} bytes, over the ${maxBytes} bytes allowed`,
      retryable: false,
    });
  }
  const downloaded = await client.download(file.data.file_path, maxBytes);
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(file.data.file_path)?.[1]?.toLowerCase();
  const served = downloaded.contentType?.split(';')[0]?.trim();
  const mimeType =
    req.mimeType ??
    (extension ? typesByExtension[extension] : undefined) ??
    (served && served !== 'application/octet-stream' ? served : 'application/octet-stream');
  return { body: downloaded.body, mimeType };
}
