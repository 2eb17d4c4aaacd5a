import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verifyTwilioSignature } from '../src/shared/verify-twilio-signature.ts';

const vectorsFile = resolve(
  import.meta.dirname,
  '../../../../../shared/data/channel-fixtures/twilio/signature/twilio_node_validation_vectors.json',
);
const skip = existsSync(vectorsFile) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

interface Vector {
  name: string;
  auth_token: string;
  url: string;
  params?: Record<string, string>;
  body?: string;
  expected_signature?: string;
  given_signature?: string;
  expected_valid?: boolean;
}

test("verifies every one of twilio-node's signature vectors, and refuses the wrong one", { skip }, () => {
  const { vectors } = JSON.parse(readFileSync(vectorsFile, 'utf8')) as { vectors: Vector[] };
  assert.ok(vectors.length >= 5);
  for (const v of vectors) {
    const rawBody = Buffer.from(v.params ? new URLSearchParams(v.params).toString() : (v.body ?? ''));
    const result = verifyTwilioSignature({
      url: v.url,
      rawBody,
      contentType: v.params ? 'application/x-www-form-urlencoded' : 'application/json',
      signature: v.given_signature ?? v.expected_signature,
      authToken: v.auth_token,
    });
    const valid = v.expected_valid ?? true;
    assert.deepEqual(result, valid ? { ok: true } : { ok: false, reason: 'bad_signature' }, v.name);
  }
});

test('a missing auth token is a configuration error, never a pass', () => {
  const result = verifyTwilioSignature({
    url: 'https://example.com/x',
    rawBody: Buffer.from('From=%2B5511999990000'),
    contentType: 'application/x-www-form-urlencoded',
    signature: 'anything',
    authToken: '',
  });
  assert.deepEqual(result, { ok: false, reason: 'missing_secret' });
});

test('a tampered parameter or a missing header is refused', () => {
  const url = 'https://fio.example/webhooks/sms/c1';
  const good = {
    url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    rawBody: Buffer.from('CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212'),
    contentType: 'application/x-www-form-urlencoded',
    signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
    authToken: '12345',
  };
  assert.deepEqual(verifyTwilioSignature(good), { ok: true });
  assert.deepEqual(verifyTwilioSignature({ ...good, rawBody: Buffer.from(good.rawBody.toString().replace('1234&', '1235&')) }), {
    ok: false,
    reason: 'bad_signature',
  });
  assert.deepEqual(verifyTwilioSignature({ ...good, url }), { ok: false, reason: 'bad_signature' });
  assert.deepEqual(verifyTwilioSignature({ ...good, signature: undefined }), { ok: false, reason: 'missing_signature' });
});
