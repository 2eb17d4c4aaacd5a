import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tone } from '../../workspace/workspace.schema.ts';
import { effectiveTone } from './effective-tone.ts';

function buildTone(overrides: Partial<Tone> = {}): Tone {
  return {
    formality: 'informal',
    emoji: 'few',
    greeting: { 'pt-BR': 'Oi!', en: 'Hi!' },
    channels: {
      email: { formality: 'formal', emoji: 'none' },
      sms: { maxLength: 160, greeting: { 'pt-BR': 'Olá.' } },
    },
    ...overrides,
  };
}

test('takes the workspace tone when the channel has no overrides or is unknown', () => {
  assert.deepEqual(effectiveTone(buildTone(), 'whatsapp'), {
    formality: 'informal',
    emoji: 'few',
    greeting: { 'pt-BR': 'Oi!', en: 'Hi!' },
  });
  assert.deepEqual(effectiveTone(buildTone({ maxLength: 1000 }), undefined), {
    formality: 'informal',
    emoji: 'few',
    greeting: { 'pt-BR': 'Oi!', en: 'Hi!' },
    maxLength: 1000,
  });
});

test('applies a channel override field by field', () => {
  assert.deepEqual(effectiveTone(buildTone(), 'email'), { formality: 'formal', emoji: 'none', greeting: { 'pt-BR': 'Oi!', en: 'Hi!' } });
  // The channel's pt-BR greeting wins; its missing en greeting comes from the workspace.
  assert.deepEqual(effectiveTone(buildTone({ maxLength: 1000 }), 'sms'), {
    formality: 'informal',
    emoji: 'few',
    greeting: { 'pt-BR': 'Olá.', en: 'Hi!' },
    maxLength: 160,
  });
});

test('does not change the workspace tone it reads', () => {
  const tone = buildTone();
  const result = effectiveTone(tone, 'sms');
  result.greeting = { es: 'Hola' };
  assert.deepEqual(tone.greeting, { 'pt-BR': 'Oi!', en: 'Hi!' });
});
