import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signWidgetIdentity, verifyWidgetIdentity } from '../src/index.ts';
import { identitySecret } from './fixtures/build-webchat.ts';

function buildIdentity(overrides: { userId?: string; email?: string; name?: string; signature?: string } = {}) {
  const userId = 'userId' in overrides ? overrides.userId : 'crm-123';
  const email = 'email' in overrides ? overrides.email : 'Ana.Silva@Example.com';
  const signature = overrides.signature ?? signWidgetIdentity(identitySecret, { userId, email });
  return { ...(userId ? { userId } : {}), ...(email ? { email } : {}), ...(overrides.name ? { name: overrides.name } : {}), signature };
}

test('returns external and lower-cased email claims when the identity is signed with the secret', () => {
  assert.deepEqual(verifyWidgetIdentity(buildIdentity(), identitySecret), {
    ok: true,
    claims: [
      { kind: 'external', value: 'crm-123', verified: true },
      { kind: 'email', value: 'ana.silva@example.com', verified: true },
    ],
  });
});

test('returns only the claims present when the identity has just a user id or just an e-mail', () => {
  const onlyId = verifyWidgetIdentity(buildIdentity({ email: undefined }), identitySecret);
  assert.deepEqual(onlyId, { ok: true, claims: [{ kind: 'external', value: 'crm-123', verified: true }] });
  const onlyEmail = verifyWidgetIdentity(buildIdentity({ userId: undefined }), identitySecret);
  assert.deepEqual(onlyEmail, { ok: true, claims: [{ kind: 'email', value: 'ana.silva@example.com', verified: true }] });
});

test('is ok with no claims when the visitor is anonymous', () => {
  assert.deepEqual(verifyWidgetIdentity(undefined, identitySecret), { ok: true, claims: [] });
  assert.deepEqual(verifyWidgetIdentity(undefined, undefined), { ok: true, claims: [] });
});

test('answers missing_secret, never ok, when an identity arrives and no secret is configured', () => {
  assert.deepEqual(verifyWidgetIdentity(buildIdentity(), undefined), { ok: false, reason: 'missing_secret' });
  assert.deepEqual(verifyWidgetIdentity(buildIdentity(), ''), { ok: false, reason: 'missing_secret' });
});

test('answers bad_signature when the e-mail or user id was changed after signing', () => {
  const signed = buildIdentity();
  assert.deepEqual(verifyWidgetIdentity({ ...signed, email: 'boss@example.com' }, identitySecret), { ok: false, reason: 'bad_signature' });
  assert.deepEqual(verifyWidgetIdentity({ ...signed, userId: 'crm-1' }, identitySecret), { ok: false, reason: 'bad_signature' });
});

test('answers bad_signature when another secret signed the identity', () => {
  const signature = signWidgetIdentity('some-other-secret-123456', { userId: 'crm-123', email: 'Ana.Silva@Example.com' });
  assert.deepEqual(verifyWidgetIdentity(buildIdentity({ signature }), identitySecret), { ok: false, reason: 'bad_signature' });
});

test('does not let a user id move into the e-mail when the separator shifts', () => {
  const signature = signWidgetIdentity(identitySecret, { userId: 'a', email: 'b@x.io' });
  assert.deepEqual(verifyWidgetIdentity({ userId: 'a:b@x.io', signature }, identitySecret), { ok: false, reason: 'bad_signature' });
});
