import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeApiSignature } from '@fio/channel-api';

export interface ReceivedCallback {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  signatureValid: boolean;
}

/**
 * A business back end receiving Fio's API-channel callbacks on loopback: it checks each signature
 * and can be told to fail (status codes, Retry-After) to exercise delivery retries.
 */
export async function startCallbackReceiver(secret: string) {
  const received: ReceivedCallback[] = [];
  const failures: Array<{ status: number; retryAfter?: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
        res.end('{"error":"scripted failure"}');
        return;
      }
      const timestamp = String(req.headers['x-fio-timestamp'] ?? '');
      const expected = `sha256=${computeApiSignature(secret, timestamp, raw)}`;
      received.push({
        headers: req.headers,
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        signatureValid: req.headers['x-fio-signature'] === expected,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    failNext: (status: number, retryAfter?: string) => failures.push({ status, ...(retryAfter ? { retryAfter } : {}) }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
