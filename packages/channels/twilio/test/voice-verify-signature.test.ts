import { test } from 'node:test';
import assert from 'node:assert/strict';
import { voiceChannel } from '../src/voice/index.ts';
import { buildVoiceConnection, callParams, signedVoiceRequest } from './fixtures/voice-requests.ts';

const verify = voiceChannel.webhook!.verifyRequest;
const ctx = buildVoiceConnection();

test('the step in the query is covered by the signature: changing it breaks the signature', () => {
  const request = signedVoiceRequest(callParams({ Digits: '1' }), { query: { turn: 'msg_1', seq: '0' } });
  assert.deepEqual(verify(request, ctx), { ok: true });
  const replayed = { ...request, url: request.url.replace('seq=0', 'seq=1') };
  assert.deepEqual(verify(replayed, ctx), { ok: false, reason: 'bad_signature' });
});

test('a webhook signed with a separate signing key (SignalWire) verifies with that key, under either header name', () => {
  const withKey = { ...ctx, secrets: { authToken: 'api-token-for-rest-calls', signingKey: 'PSK_signing_key_0123' } };
  const signed = signedVoiceRequest(callParams(), { token: 'PSK_signing_key_0123' });
  assert.deepEqual(verify(signed, withKey), { ok: true });
  const signalwireHeader = {
    ...signed,
    headers: { ...signed.headers, 'x-twilio-signature': undefined, 'x-signalwire-signature': signed.headers['x-twilio-signature'] },
  };
  assert.deepEqual(verify(signalwireHeader, withKey), { ok: true });
  assert.deepEqual(verify(signed, ctx), { ok: false, reason: 'bad_signature' }, 'the auth token is not the signing key');
});

test('no header at all is missing_signature; no token is missing_secret, never a pass', () => {
  const signed = signedVoiceRequest(callParams());
  assert.deepEqual(verify({ ...signed, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, ctx), {
    ok: false,
    reason: 'missing_signature',
  });
  assert.deepEqual(verify(signed, { ...ctx, secrets: { authToken: '' } }), { ok: false, reason: 'missing_secret' });
});
