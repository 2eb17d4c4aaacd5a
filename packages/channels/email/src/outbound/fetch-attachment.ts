import { ChannelError, channelErrorFromHttpStatus } from '@fio/channel-kit';
import type { MediaContent } from '@fio/contracts';
import type { MailAttachment } from './compose-reply-mail.ts';

/** Most relays refuse messages over 25 MB; base64 adds a third, so raw bytes stop well before. */
const maxAttachmentBytes = 18 * 1024 * 1024;

/**
 * Media goes out as a real attachment: mail clients show attachments, and a link to Fio's signed URL
 * would expire in the customer's inbox. Fetched through the send context's fetch, with a timeout and a
 * size cap checked while reading.
 */
export async function fetchAttachment(media: MediaContent, fetchFn: typeof fetch, timeoutMs: number): Promise<MailAttachment> {
  let response: Response;
  try {
    response = await fetchFn(media.url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return Promise.reject(
      new ChannelError({
        code: timedOut ? 'timeout' : 'network_error',
        message: `could not download the attachment: ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
        cause: error,
      }),
    );
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw channelErrorFromHttpStatus(response.status, text, response.headers.get('retry-after'));
  }
  const content = await readCapped(response);
  return {
    filename: media.filename ?? defaultName(media),
    content,
    contentType: media.mimeType ?? response.headers.get('content-type') ?? 'application/octet-stream',
  };
}

async function readCapped(response: Response): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxAttachmentBytes) {
      throw new ChannelError({ code: 'rejected', message: `attachment over ${maxAttachmentBytes} bytes`, retryable: false });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function defaultName(media: MediaContent): string {
  const extension = media.mimeType?.split('/')[1]?.replace(/[^a-z0-9]/gi, '') ?? 'bin';
  return `${media.mediaType}.${extension}`;
}
