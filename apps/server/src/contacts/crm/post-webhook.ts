import { checkOutboundUrl, type ResolveHost, type SsrfPolicy } from '../../security/ssrf-guard.ts';
import { sendHttpRequest } from '../../conversation/actions/send-http-request.ts';
import { signWebhook } from './sign-webhook.ts';

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  eventType: string;
  deliveryId: string;
  now: Date;
  policy: SsrfPolicy;
  timeoutMs: number;
  resolve?: ResolveHost;
}

/** What one attempt came to: delivered, worth another try (with the receiver's Retry-After), or never. */
export type WebhookAttempt =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'retry'; status: number | null; error: string; retryAfterMs: number | null }
  | { outcome: 'dead'; status: number | null; error: string };

const retryableStatuses = new Set([408, 425, 429]);

/**
 * POSTs one signed webhook. The URL passes the SSRF guard and the socket connects to the addresses it
 * checked (the flow HTTP actions' pinned request), so a DNS answer changed after the check cannot
 * steer it inside the network. Redirects are not followed: a receiver answers where it was configured.
 */
export async function postWebhook(request: WebhookRequest): Promise<WebhookAttempt> {
  const check = await checkOutboundUrl(request.url, request.policy, request.resolve);
  if (!check.ok) {
    // A name that does not resolve may be a passing DNS failure; a refused address never changes by waiting.
    if (check.code === 'unresolvable') return { outcome: 'retry', status: null, error: check.message, retryAfterMs: null };
    return { outcome: 'dead', status: null, error: `refused by the SSRF guard: ${check.message}` };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const result = await sendHttpRequest({
      method: 'POST',
      url: check.url,
      addresses: check.addresses,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Fio-Webhooks/1',
        'fio-signature': signWebhook(request.secret, request.body, request.now.getTime() / 1000),
        'fio-event-id': request.eventId,
        'fio-event-type': request.eventType,
        'fio-delivery-id': request.deliveryId,
      },
      body: Buffer.from(request.body, 'utf8'),
      // The answer is not read, only its status: a little of it is kept for the log.
      maxResponseBytes: 64 * 1024,
      signal: controller.signal,
    });
    if (result.kind === 'failure')
      return { outcome: 'retry', status: null, error: `${result.code}: ${result.message}`, retryAfterMs: null };
    const { status } = result;
    if (status >= 200 && status < 300) return { outcome: 'delivered', status };
    const error = `the receiver answered ${status}${describeBody(result.body)}`;
    if (retryableStatuses.has(status) || status >= 500) {
      const retryAfter = result.headers['retry-after'];
      return {
        outcome: 'retry',
        status,
        error,
        retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined, request.now),
      };
    }
    return { outcome: 'dead', status, error };
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

function describeBody(body: Buffer): string {
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200);
  return text === '' ? '' : `: ${text}`;
}
