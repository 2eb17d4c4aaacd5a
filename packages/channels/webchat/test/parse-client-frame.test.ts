import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxClientFrameBytes, parseClientFrame } from '../src/index.ts';

test('parses a message frame when it is valid', () => {
  const raw = JSON.stringify({ type: 'message', clientMessageId: 'c-0000001', content: { kind: 'text', text: 'Oi' } });
  assert.deepEqual(parseClientFrame(raw), {
    ok: true,
    frame: { type: 'message', clientMessageId: 'c-0000001', content: { kind: 'text', text: 'Oi' } },
  });
});

test('parses hello, typing and ping frames, from a string or a Buffer', () => {
  const hello = { type: 'hello', connectionId: 'conn_web_1', visitorId: 'visitor_abc123', locale: 'pt-BR' };
  assert.equal(parseClientFrame(JSON.stringify(hello)).ok, true);
  assert.equal(parseClientFrame(Buffer.from('{"type":"typing","on":true}')).ok, true);
  assert.deepEqual(parseClientFrame('{"type":"ping"}'), { ok: true, frame: { type: 'ping' } });
});

test('answers bad_frame when the text is not JSON or not an object with a type', () => {
  for (const raw of ['', 'oi', '{"type":', 'null', '[]', '42', '{}', '{"type":7}']) {
    const result = parseClientFrame(raw);
    assert.equal(result.ok ? 'ok' : result.code, 'bad_frame', raw);
  }
});

test('answers unknown_frame when the type is not one the widget speaks', () => {
  const result = parseClientFrame('{"type":"subscribe_admin"}');
  assert.equal(result.ok ? 'ok' : result.code, 'unknown_frame');
});

test('answers bad_frame naming the field when a known frame is malformed', () => {
  const result = parseClientFrame(JSON.stringify({ type: 'message', clientMessageId: 'short', content: { kind: 'text', text: '' } }));
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.code, 'bad_frame');
  assert.match(result.message, /clientMessageId/);
  assert.match(result.message, /content\.text/);
});

test('answers frame_too_large when the frame is above 64 KiB in bytes', () => {
  const text = 'é'.repeat(maxClientFrameBytes / 2); // 2 bytes each in UTF-8
  const result = parseClientFrame(JSON.stringify({ type: 'message', clientMessageId: 'c-0000001', content: { kind: 'text', text } }));
  assert.equal(result.ok ? 'ok' : result.code, 'frame_too_large');
  assert.equal(maxClientFrameBytes, 64 * 1024);
});

test('never throws when given random bytes', () => {
  let seed = 3;
  for (let round = 0; round < 100; round++) {
    const bytes = Buffer.from(Array.from({ length: round * 7 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256));
    assert.equal(parseClientFrame(bytes).ok, false);
  }
});
