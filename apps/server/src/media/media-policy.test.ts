import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMedia } from './media-policy.ts';
import { mediaIdFromPath, mediaPath, signMediaUrl, verifyMediaSignature } from './media-url.ts';
import { newId } from '../storage/index.ts';

const policy = { maxBytes: 1000, allowedTypes: ['image/*', 'application/pdf'] };

test('accepts allowed types within the size limit, wildcards and parameters included', () => {
  assert.deepEqual(checkMedia(policy, 'image/jpeg', 1000), { ok: true });
  assert.deepEqual(checkMedia(policy, 'Application/PDF; name=x.pdf', 10), { ok: true });
});

test('refuses oversized files and types off the list, saying why', () => {
  const big = checkMedia(policy, 'image/png', 1001);
  assert.equal(big.ok, false);
  assert.match(big.ok ? '' : big.reason, /1001 bytes.*1000-byte limit/);
  const exe = checkMedia(policy, 'application/x-msdownload', 10);
  assert.match(exe.ok ? '' : exe.reason, /application\/x-msdownload/);
});

test('signed media links verify until they expire, and only for their file', () => {
  const key = Buffer.alloc(32, 3);
  const id = newId('med');
  const now = new Date('2026-11-24T12:00:00Z');
  const url = new URL(signMediaUrl(key, 'https://fio.example/', id, new Date(now.getTime() + 60_000)));
  assert.equal(url.pathname, mediaPath(id));
  assert.equal(mediaIdFromPath(url.pathname), id);
  const exp = url.searchParams.get('exp') ?? undefined;
  const sig = url.searchParams.get('sig') ?? undefined;
  assert.equal(verifyMediaSignature(key, id, exp, sig, now), true);
  assert.equal(verifyMediaSignature(key, id, exp, sig, new Date(now.getTime() + 61_000)), false);
  assert.equal(verifyMediaSignature(key, newId('med'), exp, sig, now), false);
  assert.equal(verifyMediaSignature(key, id, String(Number(exp) + 3600), sig, now), false);
  assert.equal(verifyMediaSignature(key, id, undefined, sig, now), false);
});
