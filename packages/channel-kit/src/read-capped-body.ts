import { ChannelError } from './channel-error.ts';

/**
 * Reads a provider's download into memory, refusing it (ChannelError `rejected`, not retryable) as soon
 * as it is known to be over `maxBytes`: from Content-Length before reading, else while streaming, so a
 * huge file is never held whole. Every channel's fetchMedia downloads through this.
 */
export async function readCappedBody(response: Response, maxBytes: number, what = 'the file'): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes, declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes, size);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(what: string, maxBytes: number, atLeast: number): ChannelError {
  return new ChannelError({
    code: 'rejected',
    message: `${what} is over the ${maxBytes}-byte limit (at least ${atLeast} bytes)`,
    retryable: false,
  });
}
