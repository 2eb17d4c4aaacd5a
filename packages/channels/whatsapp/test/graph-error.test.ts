import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphError } from '../src/index.ts';

const now = new Date('2026-03-02T15:00:00Z');
const body = (code: number, message = 'msg', extra: object = {}) =>
  JSON.stringify({ error: { message, type: 'OAuthException', code, ...extra } });

test("maps Meta's error codes to what Fio can do about them", () => {
  const table: [number, number, string, boolean][] = [
    [400, 131047, 'outside_reply_window', false],
    [400, 130429, 'rate_limited', true],
    [400, 131056, 'rate_limited', true],
    [400, 131048, 'rate_limited', true],
    [403, 4, 'rate_limited', true],
    [400, 80007, 'rate_limited', true],
    [401, 190, 'unauthorized', false],
    [403, 10, 'unauthorized', false],
    [400, 131026, 'recipient_unreachable', false],
    [400, 131030, 'recipient_unreachable', false],
    [400, 131051, 'unsupported_content', false],
    [500, 1, 'provider_unavailable', true],
    [400, 2, 'provider_unavailable', true],
    [500, 131000, 'provider_unavailable', true],
    [503, 131016, 'provider_unavailable', true],
    [400, 131057, 'provider_unavailable', true],
    [400, 100, 'rejected', false],
    [400, 131009, 'rejected', false],
    [400, 132001, 'rejected', false],
    [429, 100, 'rate_limited', true],
  ];
  for (const [status, code, expected, retryable] of table) {
    const error = graphError(status, body(code), null, now);
    assert.deepEqual([error.code, error.retryable, error.providerCode], [expected, retryable, String(code)], `${status} #${code}`);
  }
});

test('honours Retry-After, else waits 6 s for the pair rate limit and a minute for the others', () => {
  assert.equal(graphError(400, body(131056), null, now).retryAfterMs, 6000);
  assert.equal(graphError(400, body(130429), null, now).retryAfterMs, 60_000);
  assert.equal(graphError(429, body(130429), '12', now).retryAfterMs, 12_000);
});

test('keeps the subcode, the details and the trace id in the message', () => {
  const error = graphError(
    400,
    body(132001, 'Template name does not exist in the translation', {
      error_subcode: 2494010,
      error_data: { messaging_product: 'whatsapp', details: 'template name (pedido_enviado) does not exist in pt_BR' },
      fbtrace_id: 'A1b2',
    }),
    null,
    now,
  );
  assert.equal(
    error.message,
    'WhatsApp error 132001 (subcode 2494010): Template name does not exist in the translation (template name (pedido_enviado) does not exist in pt_BR) [fbtrace_id A1b2]',
  );
});

test('falls back to the HTTP status when the body is not a Graph error', () => {
  assert.deepEqual(
    [graphError(502, '<html>Bad Gateway</html>', null, now).code, graphError(502, '', null, now).retryable],
    ['provider_unavailable', true],
  );
  assert.equal(graphError(404, 'not found', null, now).code, 'rejected');
});
