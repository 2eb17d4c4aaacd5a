import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, type WebhookSignatureCheck } from '../../src/contacts/crm/index.ts';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  body: {
    id: string;
    type: string;
    occurredAt: string;
    workspace: { id: string; slug: string };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a receiver pokes at arbitrary JSON
    data: Record<string, any>;
  };
  /** What a receiver decides, checked on arrival against the receiver's clock. */
  check: WebhookSignatureCheck;
}

/**
 * A CRM receiving Fio's webhooks on loopback: it verifies each signature and timestamp as a real
 * receiver would (against `now`, so a test's fake clock is the receiver's clock too) and can be told
 * to answer with failures (status, Retry-After) to exercise retries and dead letters.
 */
export async function startWebhookReceiver(secret: string, now: () => Date = () => new Date()) {
  const received: ReceivedWebhook[] = [];
  const failures: Array<{ status: number; retryAfter?: string }> = [];
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      const raw = Buffer.concat(chunks).toString('utf8');
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
        res.end('{"error":"scripted failure"}');
        return;
      }
      const header = String(req.headers['fio-signature'] ?? '');
      received.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw),
        check: verifyWebhookSignature(secret, header, raw, now().getTime() / 1000),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/fio-webhooks`,
    received,
    attempts: () => attempts,
    failNext: (status: number, times = 1, retryAfter?: string) => {
      for (let i = 0; i < times; i++) failures.push({ status, ...(retryAfter ? { retryAfter } : {}) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
