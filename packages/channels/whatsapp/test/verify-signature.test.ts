import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeader, verifySignature, whatsappChannel } from '../src/index.ts';
import { appSecret, buildConnection, sharedFixturesDir, sign, signedRequest, skipShared } from './fixtures/build-whatsapp-request.ts';
import { message, parseBody } from './fixtures/expect-events.ts';

const signatureDir = join(sharedFixturesDir, 'signature');

describe("Meta's X-Hub-Signature-256 (shared fixtures)", { skip: skipShared }, () => {
  test("verifies pywa's captured request with its app secret, on the raw bytes", () => {
    const vector = JSON.parse(readFileSync(join(signatureDir, 'pywa_x_hub_signature_256_vector.json'), 'utf8'));
    const rawBody = readFileSync(join(signatureDir, 'pywa_request_body.raw.json'));
    assert.equal(rawBody.toString('utf8'), vector.request_body, 'the raw file is the vector body');
    assert.equal(vector.header_name.toLowerCase(), signatureHeader);
    assert.deepEqual(verifySignature({ signature: vector.x_hub_signature_256, rawBody, appSecret: vector.app_secret }), { ok: true });
    // Re-serialising the parsed body would change the bytes Meta signed: never done.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(vector.request_body), null, 1));
    assert.deepEqual(verifySignature({ signature: vector.x_hub_signature_256, rawBody: reserialised, appSecret: vector.app_secret }), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  test("parses pywa's captured request", () => {
    const rawBody = readFileSync(join(signatureDir, 'pywa_request_body.raw.json'), 'utf8');
    message(
      { kind: 'text', text: 'Hey there! I am using PyWa.' },
      { address: '972544401243', displayName: 'PyWa Tests', identities: [['phone', '+972544401243']] },
      { id: 'wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA', sentAt: '2024-10-29T19:58:23.000Z' },
    )(parseBody(rawBody));
  });

  test('follows the documented scheme: sha256= and lower-case hex of HMAC-SHA256 over the raw body', () => {
    const scheme = JSON.parse(readFileSync(join(signatureDir, 'x_hub_signature_256_scheme.json'), 'utf8'));
    assert.match(scheme.header, /^X-Hub-Signature-256: sha256=/);
    assert.ok(scheme.applies_to.includes('WhatsApp Cloud API'));
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    assert.match(sign(body), /^sha256=[0-9a-f]{64}$/);
    assert.deepEqual(verifySignature({ signature: sign(body), rawBody: body, appSecret }), { ok: true });
    assert.deepEqual(verifySignature({ signature: sign(body).toUpperCase().replace('SHA256=', 'sha256='), rawBody: body, appSecret }), {
      ok: true,
    });
  });

  test('parses the text example of Meta\'s "messages" webhook reference', () => {
    const doc = JSON.parse(readFileSync(join(sharedFixturesDir, 'meta-docs/messages_webhook_text_example.json'), 'utf8'));
    message(
      { kind: 'text', text: 'Does it come in another color?' },
      { address: '16505551234', displayName: 'Sheena Nelson', identities: [['phone', '+16505551234']] },
      { id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', sentAt: '2025-06-08T20:59:43.000Z' },
    )(parseBody(doc.example_text));
  });
});

describe('verifySignature', () => {
  const body = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [] }));

  test('refuses a tampered body, another secret and a malformed header', () => {
    const signature = sign(body);
    assert.deepEqual(verifySignature({ signature, rawBody: Buffer.concat([body, Buffer.from(' ')]), appSecret }), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(verifySignature({ signature: sign(body, 'another-secret'), rawBody: body, appSecret }), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(verifySignature({ signature: signature.slice('sha256='.length), rawBody: body, appSecret }), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(verifySignature({ signature: 'sha1=abc', rawBody: body, appSecret }), { ok: false, reason: 'bad_signature' });
  });

  test('a missing app secret is a configuration error, never a pass', () => {
    assert.deepEqual(verifySignature({ signature: sign(body, ''), rawBody: body, appSecret: '' }), { ok: false, reason: 'missing_secret' });
    assert.deepEqual(verifySignature({ signature: sign(body), rawBody: body, appSecret: undefined }), {
      ok: false,
      reason: 'missing_secret',
    });
  });

  test('a missing header is missing_signature, and the expected value is never echoed', () => {
    assert.deepEqual(verifySignature({ signature: undefined, rawBody: body, appSecret }), { ok: false, reason: 'missing_signature' });
    const result = whatsappChannel.webhook!.verifyRequest(
      signedRequest(body, { headers: { [signatureHeader]: 'sha256=00' } }),
      buildConnection(),
    );
    assert.deepEqual(result, { ok: false, reason: 'bad_signature' });
    assert.ok(!JSON.stringify(result).includes(sign(body).slice(7)));
  });
});
