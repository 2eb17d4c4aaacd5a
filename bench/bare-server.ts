import { Agent, request } from 'node:http';
import Fastify from 'fastify';

/**
 * The baseline: a bare Fastify endpoint on the same path that parses the same JSON body and answers
 * 200, storing nothing. With BARE_CALLBACK_URL set it also POSTs one reply per message there (the
 * floor for the pipeline benchmark: an HTTP round trip each way, no database, no bot).
 */
const port = Number(process.env['PORT'] ?? 0);
const callbackUrl = process.env['BARE_CALLBACK_URL'];
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.get('/healthz', async () => ({ status: 'ok' }));
app.post<{ Params: { connectionId: string }; Body: { messageId?: unknown; from?: { id?: unknown } } }>(
  '/webhooks/api/:connectionId',
  async (req) => {
    const messageId = String(req.body.messageId);
    if (callbackUrl)
      sendCallback(callbackUrl, {
        type: 'message',
        messageId: `reply-${messageId}`,
        conversationId: 'bare',
        to: { id: String(req.body.from?.id) },
        text: 'ok',
      });
    return { ok: true, messages: [{ duplicate: false, messageId }] };
  },
);

function sendCallback(url: string, body: unknown) {
  const payload = JSON.stringify(body);
  const req = request(
    url,
    { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
    (res) => res.resume(),
  );
  req.on('error', () => undefined);
  req.end(payload);
}

await app.listen({ port, host: process.env['HOST'] ?? '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
