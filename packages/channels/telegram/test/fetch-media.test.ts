import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { telegramChannel } from '../src/index.ts';
import { botToken } from './fixtures/build-telegram-request.ts';
import { startEmulator } from './fixtures/start-emulator.ts';

const fetchMedia = telegramChannel.fetchMedia!;

describe('fetchMedia (getFile, then the file URL)', () => {
  test('downloads a file the customer sent through getFile and /file/bot<token>/<path>', async (t) => {
    const h = await startEmulator(t);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const file = h.emulator.addFile(bytes, { filePath: 'photos/file_7.jpg' });
    const media = await fetchMedia({ ref: `telegram-file:${file.fileId}`, maxBytes: 1024 }, h.ctx);
    assert.deepEqual(new Uint8Array(media.body), bytes);
    assert.equal(media.mimeType, 'image/jpeg');
    assert.deepEqual(
      h.emulator.requests.map((r) => `${r.method} ${r.path}`),
      [`POST /bot${botToken}/getFile`, `GET /file/bot${botToken}/photos/file_7.jpg`],
    );
    assert.deepEqual(h.body(0), { file_id: file.fileId });
  });

  test('prefers the type the update declared', async (t) => {
    const h = await startEmulator(t);
    const file = h.emulator.addFile(new Uint8Array([1, 2]), { filePath: 'voice/file_1.oga' });
    const media = await fetchMedia({ ref: `telegram-file:${file.fileId}`, mimeType: 'audio/ogg; codecs=opus', maxBytes: 1024 }, h.ctx);
    assert.equal(media.mimeType, 'audio/ogg; codecs=opus');
  });

  test('refuses a file over maxBytes before downloading it', async (t) => {
    const h = await startEmulator(t);
    const file = h.emulator.addFile(new Uint8Array(2048), { filePath: 'documents/file_2.pdf' });
    await assert.rejects(
      fetchMedia({ ref: `telegram-file:${file.fileId}`, maxBytes: 1000 }, h.ctx),
      (error: unknown) => error instanceof ChannelError && error.code === 'rejected' && /2048 bytes/.test(error.message),
    );
    assert.equal(h.emulator.requests.length, 1, 'getFile only');
  });

  test('stops reading past maxBytes when the size was not announced', async (t) => {
    const h = await startEmulator(t);
    const big = new Uint8Array(64 * 1024);
    // A Bot API server that does not say the size up front, streaming the file.
    const ctx = {
      ...h.ctx,
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : input.toString();
        if (url.endsWith('/getFile')) {
          return Response.json({ ok: true, result: { file_id: 'AgACbig', file_unique_id: 'u', file_path: 'documents/big.bin' } });
        }
        assert.equal(init?.method, 'GET');
        const stream = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i += 1) controller.enqueue(big.subarray(i * 8192, (i + 1) * 8192));
            controller.close();
          },
        });
        return new Response(stream, { status: 200 });
      },
    };
    await assert.rejects(
      fetchMedia({ ref: 'telegram-file:AgACbig', maxBytes: 10_000 }, ctx),
      (error: unknown) => error instanceof ChannelError && error.code === 'rejected',
    );
  });

  test('refuses references it did not write and file ids Telegram does not know', async (t) => {
    const h = await startEmulator(t);
    await assert.rejects(
      fetchMedia({ ref: 'https://evil.example/x', maxBytes: 10 }, h.ctx),
      (e: unknown) => e instanceof ChannelError && e.code === 'rejected',
    );
    await assert.rejects(
      fetchMedia({ ref: 'telegram-file:AgACunknownfile', maxBytes: 10 }, h.ctx),
      (e: unknown) => e instanceof ChannelError && e.code === 'rejected' && /invalid file_id/.test(e.message),
    );
  });
});
