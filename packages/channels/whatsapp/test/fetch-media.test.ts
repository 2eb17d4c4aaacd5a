import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import { whatsappChannel } from '../src/index.ts';
import { buildConnection, signedRequest } from './fixtures/build-whatsapp-request.ts';
import { startHarness, type Harness } from './fixtures/emulator-harness.ts';
import { oneMessage } from './fixtures/expect-events.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ statusCallbacks: ['sent', 'delivered', 'read'] });
});
after(() => h.close());

const photo = new Uint8Array(Array.from({ length: 50_000 }, (_, i) => (i * 31) % 256));

/** Parses the last message webhook the emulator posted (status ones may follow), checking its signature like Fio does. */
function lastWebhook() {
  const posted = h.sink.received.findLast((item) => item.body.includes('"messages"'));
  assert.ok(posted);
  const request = signedRequest(posted.body, { headers: { 'x-hub-signature-256': String(posted.headers['x-hub-signature-256']) } });
  assert.deepEqual(whatsappChannel.webhook!.verifyRequest(request, buildConnection()), { ok: true });
  return whatsappChannel.webhook!.toInboundEvents(request, h.ctx);
}

test('downloads a customer photo through the media id: info, then the URL with the bearer token', async () => {
  await h.emulator.customer.sendMedia(
    { address: '+5511987654321', name: 'Ana' },
    { kind: 'image', bytes: photo, mimeType: 'image/jpeg', caption: 'Chegou assim' },
  );
  const event = oneMessage(lastWebhook());
  assert.equal(event.content.kind, 'media');
  if (event.content.kind !== 'media') return;
  assert.equal(event.content.caption, 'Chegou assim');
  assert.match(event.content.url, /^whatsapp-media:\d+$/);

  const fetched = await whatsappChannel.fetchMedia!({ ref: event.content.url, maxBytes: 1_000_000 }, h.ctx);
  assert.equal(fetched.mimeType, 'image/jpeg');
  assert.deepEqual(Buffer.from(fetched.body), Buffer.from(photo));
  const [info, download] = h.emulator.requests.slice(-2);
  assert.match(info?.path ?? '', /^\/v21\.0\/\d+$/);
  assert.equal(download?.path, '/whatsapp_business/attachments/');
  assert.equal(download?.headers.authorization, `Bearer ${h.ctx.secrets.accessToken}`);
});

test('refuses media over the size limit from the declared size, before downloading', async () => {
  const id = h.emulator.addMedia(photo, 'image/jpeg');
  const before = h.emulator.requests.length;
  await assert.rejects(
    whatsappChannel.fetchMedia!({ ref: `whatsapp-media:${id}`, maxBytes: 10_000 }, h.ctx),
    (error: unknown) => error instanceof ChannelError && error.code === 'rejected' && /10000-byte limit/.test(error.message),
  );
  assert.equal(h.emulator.requests.length, before + 1, 'only the media info was asked for');
});

test('stops reading at the limit when the size was not declared', async () => {
  const id = h.emulator.addMedia(photo, 'image/jpeg');
  // A Graph answer without file_size and a download without content-length: only the stream tells.
  const hidingSize: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.url.includes('/attachments/'))
      return new Response(response.body, { status: 200, headers: { 'content-type': 'image/jpeg' } });
    const { file_size: _size, ...info } = await response.json();
    return Response.json(info);
  };
  await assert.rejects(
    whatsappChannel.fetchMedia!({ ref: `whatsapp-media:${id}`, maxBytes: 20_000 }, { ...h.ctx, fetch: hidingSize }),
    (error: unknown) => error instanceof ChannelError && error.code === 'rejected' && /20000-byte limit/.test(error.message),
  );
});

test('an unknown media id and a foreign ref are refused', async () => {
  await assert.rejects(
    whatsappChannel.fetchMedia!({ ref: 'whatsapp-media:404404', maxBytes: 1000 }, h.ctx),
    (e: unknown) => e instanceof ChannelError && e.providerCode === '100',
  );
  await assert.rejects(
    whatsappChannel.fetchMedia!({ ref: 'https://evil.example/x', maxBytes: 1000 }, h.ctx),
    (e: unknown) => e instanceof ChannelError && e.code === 'rejected',
  );
});

test('after an accepted send the emulator posts sent, delivered and read, signed, in order', async () => {
  await h.emulator.customer.sendText({ address: '+5511987654321' }, 'oi');
  const { providerMessageId } = await whatsappChannel.sendMessage(buildOutboundMessage({ recipient: { address: '5511987654321' } }), h.ctx);
  const start = h.sink.received.length;
  for (let i = 0; i < 100 && h.sink.received.length < start + 3; i++) await new Promise((r) => setTimeout(r, 10));
  const statuses = h.sink.received.slice(start).map((posted) => {
    const request = signedRequest(posted.body, { headers: { 'x-hub-signature-256': String(posted.headers['x-hub-signature-256']) } });
    assert.deepEqual(whatsappChannel.webhook!.verifyRequest(request, h.ctx), { ok: true });
    const result = whatsappChannel.webhook!.toInboundEvents(request, h.ctx);
    assert.ok(result.ok);
    return result.events[0];
  });
  assert.deepEqual(
    statuses.map((event) => event?.type === 'status' && [event.providerMessageId, event.status]),
    [
      [providerMessageId, 'sent'],
      [providerMessageId, 'delivered'],
      [providerMessageId, 'read'],
    ],
  );
});

test('a customer picking a list row sends list_reply with the row id, quoting the list', async () => {
  await whatsappChannel.sendMessage(
    buildOutboundMessage({
      recipient: { address: '5511987654321' },
      content: {
        kind: 'list',
        text: 'Assunto?',
        buttonLabel: 'Ver',
        sections: [
          {
            rows: [
              { id: 'troca', title: 'Troca' },
              { id: 'devolucao', title: 'Devolução' },
            ],
          },
        ],
      },
    }),
    h.ctx,
  );
  const view = h.emulator.delivered.at(-1)!;
  await h.emulator.customer.pickOption({ address: '+5511987654321' }, view, 1);
  const event = oneMessage(lastWebhook());
  assert.deepEqual(event.content, { kind: 'text', text: 'Devolução', payload: 'devolucao' });
  assert.equal(event.replyToProviderMessageId, view.providerMessageId);
});

test('a media link Meta cannot download fails the message with 131053', async () => {
  await h.emulator.customer.sendText({ address: '+5511987654321' }, 'manda a nota');
  const { providerMessageId } = await whatsappChannel.sendMessage(
    buildOutboundMessage({
      recipient: { address: '5511987654321' },
      content: { kind: 'media', mediaType: 'file', url: 'http://127.0.0.1:9/nota.pdf', filename: 'nota.pdf' },
    }),
    h.ctx,
  );
  const find = () => h.sink.received.find((item) => item.body.includes(providerMessageId));
  for (let i = 0; i < 200 && !find(); i++) await new Promise((r) => setTimeout(r, 10));
  const posted = find();
  assert.ok(posted, 'a status webhook');
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(h.sink.received.filter((item) => item.body.includes(providerMessageId)).length, 1, 'failed only: no sent/delivered/read');
  const result = whatsappChannel.webhook!.toInboundEvents(signedRequest(posted.body), h.ctx);
  assert.ok(result.ok);
  const [event] = result.events;
  assert.equal(event?.type, 'status');
  if (event?.type !== 'status') return;
  assert.equal(event.providerMessageId, providerMessageId);
  assert.equal(event.status, 'failed');
  assert.equal(event.error?.code, '131053');
  assert.match(event.error?.message ?? '', /^Media upload error: Downloading media from weblink failed/);
});
