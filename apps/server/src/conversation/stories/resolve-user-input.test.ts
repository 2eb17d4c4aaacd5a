import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quickRepliesOf, resolveUserInput } from './resolve-user-input.ts';

const offered = [
  { id: 'intent:business_hours', label: 'Horário de atendimento' },
  { id: 'intent:talk_to_human', label: 'Falar com uma pessoa' },
];

test('a pick becomes the option text with its payload and place, by label without accents or case', () => {
  assert.deepEqual(resolveUserInput({ pick: 'horario de atendimento' }, offered), {
    text: 'Horário de atendimento',
    payload: 'intent:business_hours',
    ordinal: 1,
  });
  assert.deepEqual(resolveUserInput({ pick: 'pessoa' }, offered), {
    text: 'Falar com uma pessoa',
    payload: 'intent:talk_to_human',
    ordinal: 2,
  });
});

test('a pick of a label nobody offered says what was offered', () => {
  const result = resolveUserInput({ pick: 'Ver boleto' }, offered);
  assert.ok(typeof result === 'string');
  assert.match(result, /"Ver boleto".*"Horário de atendimento", "Falar com uma pessoa"/);
  const none = resolveUserInput({ pick: 'x' }, []);
  assert.ok(typeof none === 'string');
  assert.match(none, /last offered: none/);
});

test('plain text and an explicit payload pass through', () => {
  assert.deepEqual(resolveUserInput('oi', offered), { text: 'oi' });
  assert.deepEqual(resolveUserInput({ text: 'Sim', payload: 'intent:talk_to_human' }, offered), {
    text: 'Sim',
    payload: 'intent:talk_to_human',
    ordinal: 2,
  });
  assert.deepEqual(resolveUserInput({ text: 'Sim', payload: 'choice:yes' }, offered), { text: 'Sim', payload: 'choice:yes' });
});

test('options are read from quick replies, list rows, or the numbered lines of a text-only channel', () => {
  assert.deepEqual(quickRepliesOf({ content: { kind: 'text', text: 'Oi', quickReplies: offered }, text: 'Oi' }), offered);
  assert.deepEqual(
    quickRepliesOf({
      content: { kind: 'list', text: 'Escolha', buttonLabel: 'Ver', sections: [{ rows: [{ id: 'choice:a', title: 'A' }] }] },
      text: 'Escolha',
    }),
    [{ id: 'choice:a', label: 'A' }],
  );
  const sms = 'Olá!\n\n1. Horário de atendimento\n2. Falar com uma pessoa\nResponda com o número da opção.';
  assert.deepEqual(
    quickRepliesOf({ content: { kind: 'text', text: sms }, text: sms }).map((o) => o.label),
    ['Horário de atendimento', 'Falar com uma pessoa'],
  );
  const notAMenu = 'Passos:\n2. abra o app\n5. pronto';
  assert.deepEqual(quickRepliesOf({ content: { kind: 'text', text: notAMenu }, text: notAMenu }), []);
});

test('an option offered as a numbered line is picked by typing its number', () => {
  const sms = 'O problema foi com...\n1. O produto\n2. A entrega\nResponda com o número da opção.';
  const options = quickRepliesOf({ content: { kind: 'text', text: sms }, text: sms });
  assert.deepEqual(resolveUserInput({ pick: 'a entrega' }, options), { text: '2' });
});
