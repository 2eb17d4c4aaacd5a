import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { answerHandshake, messengerChannel, verifySignature } from '../src/index.ts';
import { messengerConnection, secrets, signedRequest } from './fixtures/build-meta-request.ts';
import { sharedFixturesDir } from './fixtures/read-shared-fixtures.ts';

// Meta signs Messenger, Instagram and WhatsApp webhooks alike: pywa's captured vector checks the scheme.
const vectorFile = resolve(sharedFixturesDir, 'whatsapp/signature/pywa_x_hub_signature_256_vector.json');
const skip = existsSync(vectorFile) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

describe('verifySignature (X-Hub-Signature-256)', () => {
  test("accepts pywa's captured body and signature, and refuses it with one byte changed", { skip }, () => {
    const vector = JSON.parse(readFileSync(vectorFile, 'utf8')) as {
      app_secret: string;
      request_body: string;
      x_hub_signature_256: string;
    };
    const headers = { 'x-hub-signature-256': vector.x_hub_signature_256 };
    const rawBody = Buffer.from(vector.request_body, 'utf8');
    assert.deepEqual(verifySignature({ headers, rawBody, appSecret: vector.app_secret }), { ok: true });
    const changed = Buffer.from(vector.request_body.replace('PyWa', 'PyWb'), 'utf8');
    assert.deepEqual(verifySignature({ headers, rawBody: changed, appSecret: vector.app_secret }), { ok: false, reason: 'bad_signature' });
  });

  test('checks the raw bytes: the same JSON re-serialised without \\u escapes no longer matches', () => {
    const escaped = Buffer.from('{"object":"page","entry":[],"text":"ol\\u00e1"}');
    const request = signedRequest(escaped);
    assert.deepEqual(verifySignature({ headers: request.headers, rawBody: escaped, appSecret: secrets.appSecret }), { ok: true });
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(escaped.toString())));
    assert.deepEqual(verifySignature({ headers: request.headers, rawBody: reencoded, appSecret: secrets.appSecret }), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test('answers missing_secret without an app secret, missing_signature without the header, and never echoes the expected value', () => {
    const request = signedRequest({ object: 'page', entry: [] });
    assert.deepEqual(verifySignature({ headers: request.headers, rawBody: request.rawBody, appSecret: '' }), {
      ok: false,
      reason: 'missing_secret',
    });
    assert.deepEqual(verifySignature({ headers: request.headers, rawBody: request.rawBody, appSecret: undefined }), {
      ok: false,
      reason: 'missing_secret',
    });
    assert.deepEqual(verifySignature({ headers: {}, rawBody: request.rawBody, appSecret: secrets.appSecret }), {
      ok: false,
      reason: 'missing_signature',
    });
    const wrong = verifySignature({
      headers: { 'x-hub-signature-256': 'sha256=abc' },
      rawBody: request.rawBody,
      appSecret: secrets.appSecret,
    });
    assert.deepEqual(wrong, { ok: false, reason: 'bad_signature' });
    assert.doesNotMatch(JSON.stringify(wrong), /[0-9a-f]{64}/);
  });

  test('accepts an upper-case hex signature and refuses one without the sha256= prefix', () => {
    const request = signedRequest({ object: 'page', entry: [] });
    const hex = request.headers['x-hub-signature-256']?.slice('sha256='.length) ?? '';
    const upper = { 'x-hub-signature-256': `sha256=${hex.toUpperCase()}` };
    assert.deepEqual(verifySignature({ headers: upper, rawBody: request.rawBody, appSecret: secrets.appSecret }), { ok: true });
    const bare = { 'x-hub-signature-256': hex };
    assert.deepEqual(verifySignature({ headers: bare, rawBody: request.rawBody, appSecret: secrets.appSecret }), {
      ok: false,
      reason: 'bad_signature',
    });
  });
});

describe('answerHandshake (GET hub.challenge)', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': secrets.verifyToken, 'hub.challenge': '1158201444' };

  test('answers 200 with the challenge as plain text when the verify token matches', () => {
    assert.deepEqual(answerHandshake(query, secrets.verifyToken), {
      handled: true,
      status: 200,
      body: '1158201444',
      contentType: 'text/plain',
    });
  });

  test('answers 403 for a wrong token, a missing token setting, another mode or a challenge that is not one', () => {
    for (const [q, token] of [
      [{ ...query, 'hub.verify_token': 'guess' }, secrets.verifyToken],
      [query, undefined],
      [query, ''],
      [{ ...query, 'hub.mode': 'unsubscribe' }, secrets.verifyToken],
      [{ ...query, 'hub.challenge': '<script>alert(1)</script>' }, secrets.verifyToken],
    ] as const) {
      const result = answerHandshake(q, token);
      assert.equal(result.handled && result.status, 403, JSON.stringify(q));
      assert.ok(result.handled && !result.body.includes(secrets.verifyToken));
    }
  });

  test('is not a handshake without hub.mode, nor through the adapter for a POST', () => {
    assert.deepEqual(answerHandshake({}, secrets.verifyToken), { handled: false });
    const ctx = messengerConnection();
    const post = { ...signedRequest({}), query };
    assert.deepEqual(messengerChannel.webhook?.handshake?.(post, ctx), { handled: false });
    assert.equal(messengerChannel.webhook?.handshake?.({ ...post, method: 'GET' }, ctx).handled, true);
  });
});
