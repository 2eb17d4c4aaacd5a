import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiChannel, signApiRequest } from '../src/index.ts';
import { buildConnection, buildSignedRequest, requestSeconds, signingSecret, textMessageBody } from './fixtures/build-api-request.ts';

const webhook = apiChannel.webhook;
if (!webhook) throw new Error('the API channel has a webhook');
const verify = webhook.verifyRequest;

test('accepts a request when it is signed with the connection secret', () => {
  assert.deepEqual(verify(buildSignedRequest(textMessageBody), buildConnection()), { ok: true });
});

test('accepts a signature in upper-case hex when the client writes it so', () => {
  const req = buildSignedRequest(textMessageBody);
  const signature = req.headers['x-fio-signature'] ?? '';
  const upper = { ...req, headers: { ...req.headers, 'x-fio-signature': `sha256=${signature.slice(7).toUpperCase()}` } };
  assert.deepEqual(verify(upper, buildConnection()), { ok: true });
});

test('rejects with bad_signature when the body was changed after signing', () => {
  const req = buildSignedRequest(textMessageBody);
  const tampered = { ...req, rawBody: Buffer.from(req.rawBody.toString().replace('pedido', 'PEDIDO')) };
  assert.deepEqual(verify(tampered, buildConnection()), { ok: false, reason: 'bad_signature' });
});

test('rejects with bad_signature when the timestamp was changed after signing', () => {
  const req = buildSignedRequest(textMessageBody);
  const tampered = { ...req, headers: { ...req.headers, 'x-fio-timestamp': String(requestSeconds + 1) } };
  assert.deepEqual(verify(tampered, buildConnection()), { ok: false, reason: 'bad_signature' });
});

test('rejects with bad_signature when another secret signed the request', () => {
  const req = buildSignedRequest(textMessageBody, { secret: 'another-secret-0123456789' });
  assert.deepEqual(verify(req, buildConnection()), { ok: false, reason: 'bad_signature' });
});

test('rejects with bad_signature when the prefix or the timestamp format is wrong', () => {
  const req = buildSignedRequest(textMessageBody);
  const noPrefix = { ...req, headers: { ...req.headers, 'x-fio-signature': (req.headers['x-fio-signature'] ?? '').slice(7) } };
  assert.deepEqual(verify(noPrefix, buildConnection()), { ok: false, reason: 'bad_signature' });
  const isoTimestamp = buildSignedRequest(textMessageBody, { headers: { 'x-fio-timestamp': '2026-03-01T12:00:00Z' } });
  assert.deepEqual(verify(isoTimestamp, buildConnection()), { ok: false, reason: 'bad_signature' });
});

test('rejects with missing_signature when a header is absent', () => {
  const noSignature = buildSignedRequest(textMessageBody, { headers: { 'x-fio-signature': undefined } });
  const noTimestamp = buildSignedRequest(textMessageBody, { headers: { 'x-fio-timestamp': undefined } });
  assert.deepEqual(verify(noSignature, buildConnection()), { ok: false, reason: 'missing_signature' });
  assert.deepEqual(verify(noTimestamp, buildConnection()), { ok: false, reason: 'missing_signature' });
});

test('answers missing_secret, never ok, when the connection has no secret', () => {
  assert.deepEqual(verify(buildSignedRequest(textMessageBody, { secret: '' }), buildConnection({}, '')), {
    ok: false,
    reason: 'missing_secret',
  });
});

test('rejects with stale_timestamp when the request is older or newer than the tolerance', () => {
  const old = buildSignedRequest(textMessageBody, { timestamp: requestSeconds - 301 });
  const future = buildSignedRequest(textMessageBody, { timestamp: requestSeconds + 301 });
  assert.deepEqual(verify(old, buildConnection()), { ok: false, reason: 'stale_timestamp' });
  assert.deepEqual(verify(future, buildConnection()), { ok: false, reason: 'stale_timestamp' });
  const edge = buildSignedRequest(textMessageBody, { timestamp: requestSeconds - 300 });
  assert.deepEqual(verify(edge, buildConnection()), { ok: true });
});

test('honours the configured tolerance when it is shorter', () => {
  const req = buildSignedRequest(textMessageBody, { timestamp: requestSeconds - 31 });
  assert.deepEqual(verify(req, buildConnection({ timestampToleranceSeconds: 30 })), { ok: false, reason: 'stale_timestamp' });
});

test('never puts the expected signature in its answer when it rejects', () => {
  const req = buildSignedRequest(textMessageBody, { secret: 'another-secret-0123456789' });
  const expected = signApiRequest(signingSecret, req.rawBody, requestSeconds)['x-fio-signature'];
  const answer = JSON.stringify(verify(req, buildConnection()));
  assert.equal(answer.includes(expected.slice(7)), false);
});

test('signs the same bytes when given a string or a Buffer, and reads a Date as unix seconds', () => {
  const body = '{"a":"ç"}';
  assert.deepEqual(signApiRequest(signingSecret, body, requestSeconds), signApiRequest(signingSecret, Buffer.from(body), requestSeconds));
  assert.deepEqual(
    signApiRequest(signingSecret, body, new Date(requestSeconds * 1000 + 999)),
    signApiRequest(signingSecret, body, requestSeconds),
  );
});
