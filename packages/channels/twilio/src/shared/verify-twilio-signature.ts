import { createHash } from 'node:crypto';
import { hmacSha1Base64, safeEqual, type VerifyResult } from '@fio/channel-kit';

export interface TwilioSignedRequest {
  /** The full public URL Twilio called, query string included. */
  url: string;
  /** The raw body: form-encoded parameters, or JSON signed through the URL's `bodySHA256`. */
  rawBody: Buffer;
  contentType: string | undefined;
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined;
  authToken: string | undefined;
}

/**
 * Twilio's request signature: base64(HMAC-SHA1(authToken, url + Σ sorted(key + value))) over the form
 * parameters; JSON bodies are covered by a `bodySHA256` query parameter instead. Proxies and load
 * balancers add or drop the default port, so the URL is tried both ways, as Twilio's own helpers do.
 */
export function verifyTwilioSignature(req: TwilioSignedRequest): VerifyResult {
  if (!req.authToken) return { ok: false, reason: 'missing_secret' };
  if (!req.signature) return { ok: false, reason: 'missing_signature' };
  const url = safeUrl(req.url);
  if (!url) return { ok: false, reason: 'bad_signature' };

  const bodySha = url.searchParams.get('bodySHA256');
  let signedParams = '';
  if (bodySha !== null) {
    const actual = createHash('sha256').update(req.rawBody).digest('hex');
    if (!safeEqual(actual, bodySha.toLowerCase())) return { ok: false, reason: 'bad_signature' };
  } else if (isForm(req.contentType) || req.rawBody.length > 0) {
    signedParams = sortedParams(req.rawBody.toString('utf8'));
  }

  let matched = false;
  for (const candidate of urlVariants(url)) {
    // Every variant is computed and compared, so the time does not say which one matched.
    if (safeEqual(hmacSha1Base64(req.authToken, candidate + signedParams), req.signature)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/** Concatenates form parameters sorted by name (repeated names keep their order), as Twilio signs them. */
export function sortedParams(formBody: string): string {
  const pairs = [...new URLSearchParams(formBody)];
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([k, v]) => k + v).join('');
}

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The URL as given, and with the scheme's default port added or removed. */
function urlVariants(url: URL): string[] {
  const asGiven = url.href;
  const defaultPort = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : null;
  if (!defaultPort) return [asGiven];
  const hostOnly = url.hostname.includes(':') ? `[${url.hostname}]` : url.hostname;
  const rest = url.href.slice(url.origin.length);
  const withPort = `${url.protocol}//${auth(url)}${hostOnly}:${defaultPort}${rest}`;
  const withoutPort = `${url.protocol}//${auth(url)}${hostOnly}${rest}`;
  // WHATWG URL drops a default port, so `asGiven` is always the port-less form.
  return [...new Set([asGiven, withoutPort, withPort])];
}

function auth(url: URL): string {
  if (!url.username) return '';
  return url.password ? `${url.username}:${url.password}@` : `${url.username}@`;
}
