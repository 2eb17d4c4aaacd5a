import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { ResolvedAddress } from '../../security/ssrf-guard.ts';
import { createPinnedLookup } from './create-pinned-lookup.ts';

export interface HttpHop {
  method: string;
  url: URL;
  /** The addresses the guard checked; the socket connects to these only. */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  body: Buffer | null;
  maxResponseBytes: number;
  signal: AbortSignal;
}

export type HttpHopOutcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'failure'; code: 'timeout' | 'network' | 'too_large'; message: string };

/** Sends one request to one URL (no redirects, no retries) and reads the body up to the size limit. */
export function sendHttpRequest(hop: HttpHop): Promise<HttpHopOutcome> {
  return new Promise((resolve) => {
    if (hop.signal.aborted) {
      resolve({ kind: 'failure', code: 'timeout', message: 'timed out before connecting' });
      return;
    }
    let settled = false;
    const finish = (outcome: HttpHopOutcome) => {
      if (settled) return;
      settled = true;
      hop.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const transport = hop.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...hop.headers };
    if (hop.body !== null) headers['content-length'] = String(hop.body.length);
    let request: http.ClientRequest;
    try {
      request = transport.request(hop.url, {
        method: hop.method,
        headers,
        lookup: createPinnedLookup(hop.addresses),
        // A fresh socket per call: a pooled one could have been opened for another workspace's check.
        agent: false,
      });
    } catch (error) {
      finish({ kind: 'failure', code: 'network', message: `cannot send: ${describeError(error)}` });
      return;
    }
    function onAbort() {
      finish({ kind: 'failure', code: 'timeout', message: 'no complete answer within the time limit' });
      request.destroy();
    }
    hop.signal.addEventListener('abort', onAbort, { once: true });

    request.on('error', (error) => finish({ kind: 'failure', code: 'network', message: describeError(error) }));
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > hop.maxResponseBytes) {
        // Settle first: destroying emits 'aborted' at once, which would report a network failure.
        finish({ kind: 'failure', code: 'too_large', message: `the answer declares ${declared} bytes` });
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > hop.maxResponseBytes) {
          finish({ kind: 'failure', code: 'too_large', message: `the answer exceeds ${hop.maxResponseBytes} bytes` });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        finish({
          kind: 'response',
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', (error) => finish({ kind: 'failure', code: 'network', message: describeError(error) }));
      response.on('aborted', () => finish({ kind: 'failure', code: 'network', message: 'the answer was cut short' }));
    });
    request.end(hop.body ?? undefined);
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
    return `${code}${error.message}`;
  }
  return String(error);
}
