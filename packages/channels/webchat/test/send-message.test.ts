import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChannelError, type SendContext } from '@fio/channel-kit';
import { buildOutboundMessage } from '@fio/channel-kit/contract-suite';
import type { ServerFrame } from '@fio/contracts';
import { webchatChannel, type WebchatConfig, type WebchatSecrets } from '../src/index.ts';
import { buildConnection } from './fixtures/build-webchat.ts';

function buildSendContext(
  push: (connectionId: string, address: string, frame: ServerFrame) => number,
): SendContext<WebchatConfig, WebchatSecrets> {
  return {
    ...buildConnection(),
    fetch: () => Promise.reject(new Error('webchat never calls out')),
    now: () => new Date('2026-01-01T12:00:00Z'),
    realtime: { push },
  };
}

test('pushes the message view to the visitor and reports delivered when a socket is live', async () => {
  const pushed: [string, string, ServerFrame][] = [];
  const message = buildOutboundMessage({ messageId: 'msg_9', recipient: { address: 'visitor_abc123' } });
  const result = await webchatChannel.sendMessage(
    message,
    buildSendContext((connectionId, address, frame) => {
      pushed.push([connectionId, address, frame]);
      return 2;
    }),
  );
  assert.deepEqual(result, { providerMessageId: 'msg_9', status: 'delivered' });
  assert.deepEqual(pushed, [['conn_web_1', 'visitor_abc123', { type: 'message', message: message.view }]]);
});

test('reports sent when no socket of the visitor is live', async () => {
  const result = await webchatChannel.sendMessage(
    buildOutboundMessage({ messageId: 'msg_9' }),
    buildSendContext(() => 0),
  );
  assert.deepEqual(result, { providerMessageId: 'msg_9', status: 'sent' });
});

test('throws a retryable ChannelError when the realtime gateway fails', async () => {
  await assert.rejects(
    webchatChannel.sendMessage(
      buildOutboundMessage(),
      buildSendContext(() => {
        throw new Error('redis down');
      }),
    ),
    (error: unknown) => error instanceof ChannelError && error.retryable && /redis down/.test(error.message),
  );
});
