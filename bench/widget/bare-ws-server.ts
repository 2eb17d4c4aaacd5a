import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * The widget benchmark's baseline: a plain `ws` server that answers the same hello with a welcome of
 * the same shape and keeps nothing else per socket. Fio's memory per idle widget session is compared
 * with this one's.
 */
const server = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' }).end('{"status":"ok"}');
});
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 64 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    let type: unknown;
    try {
      type = (
        JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')) as { type?: unknown }
      ).type;
    } catch {
      return;
    }
    if (type === 'hello')
      socket.send(
        JSON.stringify({
          type: 'welcome',
          conversationId: null,
          status: null,
          history: [],
          settings: { title: 'Loja Exemplo', locale: 'pt-BR' },
        }),
      );
  });
});
server.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
