import { checkOutboundUrl, type ResolvedAddress, type SsrfPolicy } from '../../security/ssrf-guard.ts';
import type { HttpActionRequest, HttpActionResult, HttpActionRunner, HttpActionRunnerOptions } from './http-action.ts';
import { sendHttpRequest } from './send-http-request.ts';

const defaultMaxResponseBytes = 1024 * 1024;
const defaultUserAgent = 'Fio/0.1 (+flow action)';
const maxRedirects = 3;
const maxBackoffMs = 2000;
const maxTimeoutMs = 30_000;
/** A trusted (rewritten) URL points at Fio itself; only cloud metadata stays closed. */
const trustAll: SsrfPolicy = { allowPrivate: ['0.0.0.0/0', '::/0'] };
/**
 * Headers the runner sets itself: framing belongs to Node, and a compressed answer would not parse
 * as JSON (Node does not decompress).
 */
const managedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);
/** Headers that must not follow a redirect to another origin. */
const credentialHeaders = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

type Attempt = HttpActionResult & { retryAfterMs?: number | null };

/**
 * Runs flow `call` steps: every URL (and every redirect) passes the SSRF guard and the socket connects
 * to the checked addresses; failures come back as codes, with retries only where trying again can help
 * (timeouts, network errors, 5xx, 429).
 */
export function createHttpActionRunner(options: HttpActionRunnerOptions): HttpActionRunner {
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const userAgent = options.userAgent ?? defaultUserAgent;

  /** One attempt: the time limit covers resolving, connecting, every redirect and reading the answer. */
  async function runOnce(request: HttpActionRequest): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), clamp(request.timeoutMs, 1, maxTimeoutMs));
    try {
      return await followRedirects(request, controller.signal);
    } catch (error) {
      return { ok: false, code: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function followRedirects(request: HttpActionRequest, signal: AbortSignal): Promise<Attempt> {
    let method: string = request.method;
    let body = encodeBody(request.body);
    let headers = buildHeaders(request.headers, userAgent, body !== null);
    if (!headers.ok) return { ok: false, code: 'blocked', message: headers.message };
    let current = request.url;
    let origin: string | null = null;
    for (let hop = 0; ; hop++) {
      const target = await withDeadline(checkTarget(current), signal);
      if (target === 'timeout') return { ok: false, code: 'timeout', message: 'resolving the host took too long' };
      if (!target.ok) return target;
      if (origin !== null && target.url.origin !== origin) headers = { ok: true, value: dropCredentials(headers.value) };
      origin = target.url.origin;
      const outcome = await sendHttpRequest({
        method,
        url: target.url,
        addresses: target.addresses,
        headers: headers.value,
        body,
        maxResponseBytes,
        signal,
      });
      if (outcome.kind === 'failure') return { ok: false, code: outcome.code, message: outcome.message };
      const { status } = outcome;
      const location = outcome.headers.location;
      if (isRedirect(status) && typeof location === 'string' && location !== '') {
        if (hop >= maxRedirects) return { ok: false, code: 'bad_status', status, message: `more than ${maxRedirects} redirects` };
        let next: URL;
        try {
          next = new URL(location, target.url);
        } catch {
          return { ok: false, code: 'bad_status', status, message: 'the redirect location is not a valid URL' };
        }
        // 303 always, and 301/302 after a POST in practice, turn into a GET without a body.
        if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) {
          method = 'GET';
          body = null;
          headers = { ok: true, value: withoutBodyHeaders(headers.value) };
        }
        current = next.toString();
        continue;
      }
      return interpretResponse(status, outcome.headers['retry-after'], outcome.body);
    }
  }

  async function checkTarget(
    url: string,
  ): Promise<{ ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; code: 'blocked' | 'network'; message: string }> {
    let target = url;
    let policy = options.policy;
    if (options.rewriteUrl !== undefined) {
      let parsed: URL | null = null;
      try {
        parsed = new URL(url);
      } catch {
        parsed = null;
      }
      const rewritten = parsed === null ? null : options.rewriteUrl(parsed);
      if (rewritten !== null) {
        target = rewritten.url.toString();
        if (rewritten.trusted) policy = trustAll;
      }
    }
    const check = await checkOutboundUrl(target, policy, options.resolve);
    if (check.ok) return check;
    // A name that does not resolve may be a passing DNS failure: worth a retry, unlike a refusal.
    if (check.code === 'unresolvable') return { ok: false, code: 'network', message: check.message };
    return { ok: false, code: 'blocked', message: check.message };
  }

  return {
    async run(request) {
      const tries = 1 + clamp(Math.floor(request.retries), 0, 3);
      let result: Attempt = { ok: false, code: 'network', message: 'not attempted' };
      for (let attempt = 0; attempt < tries; attempt++) {
        result = await runOnce(request);
        if (result.ok) break;
        const delay = result.retryAfterMs ?? Math.min(200 * 2 ** attempt, maxBackoffMs);
        const again = isRetryable(result) && attempt < tries - 1 && delay <= maxBackoffMs;
        options.log?.warn(
          {
            method: request.method,
            url: describeUrl(request.url),
            attempt: attempt + 1,
            code: result.code,
            status: result.status,
          },
          again ? 'flow action failed; retrying' : 'flow action failed',
        );
        if (!again) break;
        await sleep(delay);
      }
      const { retryAfterMs: _ignored, ...plain } = result;
      return plain;
    },
  };
}

function interpretResponse(status: number, retryAfter: string | undefined, body: Buffer): Attempt {
  if (status >= 200 && status < 300) {
    if (status === 204 || status === 205) return { ok: true, status, json: null };
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    if (text.trim() === '') return { ok: false, code: 'invalid_json', status, message: 'the answer has an empty body' };
    try {
      const json: unknown = JSON.parse(text);
      return { ok: true, status, json };
    } catch {
      return { ok: false, code: 'invalid_json', status, message: 'the answer is not JSON' };
    }
  }
  const retryAfterMs = status === 429 || status >= 500 ? parseRetryAfter(retryAfter) : null;
  return { ok: false, code: 'bad_status', status, message: `the service answered ${status}`, retryAfterMs };
}

function isRetryable(result: Attempt): boolean {
  if (result.ok) return false;
  if (result.code === 'timeout' || result.code === 'network') return true;
  return result.code === 'bad_status' && result.status !== undefined && (result.status === 429 || result.status >= 500);
}

/** Seconds or an HTTP date; `null` when absent or unreadable. A wait past 2 s is returned as is and ends the retries. */
function parseRetryAfter(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - Date.now());
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function encodeBody(body: unknown): Buffer | null {
  if (body === undefined) return null;
  return Buffer.from(JSON.stringify(body) ?? 'null', 'utf8');
}

function buildHeaders(
  given: Record<string, string>,
  userAgent: string,
  hasBody: boolean,
): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
  if (hasBody) headers['content-type'] = 'application/json; charset=utf-8';
  for (const [name, value] of Object.entries(given)) {
    const key = name.toLowerCase();
    // A header name or value with control characters would let a slot value inject headers; the
    // value itself is never repeated in the message because headers carry secrets.
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) return { ok: false, message: `header name "${name}" is not valid` };
    if (!isHeaderValueSafe(value))
      return { ok: false, message: `header ${name} has a character a header cannot carry (line break, control or non-Latin-1)` };
    if (managedHeaders.has(key)) continue;
    headers[key] = value;
  }
  return { ok: true, value: headers };
}

/** Tab and printable Latin-1 only: CR/LF would split the header, and Node refuses wider characters. */
function isHeaderValueSafe(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) return false;
  }
  return true;
}

function dropCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.has(name)));
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type'));
}

/** The URL without query or fragment, which may carry tokens. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

async function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T | 'timeout'> {
  if (signal.aborted) return 'timeout';
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('timeout');
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
