import http from 'node:http';
import https from 'node:https';

/**
 * The `fetch` that channels get for provider calls: node:http with keep-alive agents underneath. It
 * implements what provider API clients use (method, headers, body, signal; redirects are never
 * followed: a 3xx comes back as is) at a fraction of the CPU of the WHATWG fetch, which matters when
 * every reply of a busy inbox is one call. Any other input falls back to the global fetch.
 */
export function createKeepAliveFetch(opts: { maxSockets?: number; defaultTimeoutMs?: number } = {}): {
  fetch: typeof fetch;
  close: () => void;
} {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 128 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 128 }),
  };
  const keepAliveFetch = (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : null;
    const body =
      typeof init.body === 'string' || Buffer.isBuffer(init.body)
        ? init.body
        : init.body === undefined || init.body === null
          ? undefined
          : null;
    if (!url || body === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fetch(input, init);
    const headers = new Headers(init.headers);
    const outgoing: Record<string, string> = {};
    headers.forEach((value, key) => (outgoing[key] = value));
    if (body !== undefined) outgoing['content-length'] = String(Buffer.byteLength(body));

    return new Promise<Response>((resolve, reject) => {
      // A call without a signal still ends: a provider that never answers must not hold a job forever.
      const signal = init.signal ?? AbortSignal.timeout(opts.defaultTimeoutMs ?? 30_000);
      if (signal.aborted) return reject(signal.reason as Error);
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(
        url,
        { method: init.method ?? 'GET', headers: outgoing, agent: agents[url.protocol as 'http:' | 'https:'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => {
            signal.removeEventListener('abort', onAbort);
            reject(err);
          });
          res.on('end', () => {
            signal.removeEventListener('abort', onAbort);
            const responseHeaders = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 502;
            const nullBody = status === 204 || status === 205 || status === 304;
            resolve(
              new Response(nullBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? (signal.reason as Error) : new TypeError('fetch failed', { cause: err }));
      });
      req.end(body);
    });
  };
  return {
    fetch: keepAliveFetch,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
