import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EffectiveTone, Language } from '../../workspace/workspace.schema.ts';
import { applyTone } from './apply-tone.ts';
import { engineString } from './engine-string.ts';
import { engineStringKeys, engineStrings } from './engine-strings.ts';
import { renderTemplate, type TemplateVars } from './render-template.ts';
import { stripEmoji } from './strip-emoji.ts';
import { templateVariables } from './template-variables.ts';

function buildTone(overrides: Partial<EffectiveTone> = {}): EffectiveTone {
  return { formality: 'informal', emoji: 'none', ...overrides };
}
const vars: TemplateVars = {
  contact: { displayName: 'Ana Souza', locale: 'pt-BR' },
  slots: {},
  business: { name: 'Loja Exemplo', hours: 'Segunda a sexta, das 9h às 18h', openNow: '', nextOpening: 'amanhã às 9h' },
  templates: {},
  now: { date: '24/11/2026', time: '14h' },
};
const languages: Language[] = ['pt-BR', 'en', 'es'];
const keys = engineStringKeys;
const emoji = /\p{Extended_Pictographic}/u;

test('has every string in every language and formality, using only known variables', () => {
  const allowed = new Set(['contact.first_name', 'business.name', 'business.hours', 'business.next_opening', 'a', 'b', 'next', 'to']);
  for (const language of languages) {
    assert.deepEqual(Object.keys(engineStrings[language]).sort(), [...keys].sort(), language);
    for (const key of keys) {
      for (const formality of ['informal', 'formal'] as const) {
        const text = engineString(key, language, buildTone({ formality }), {});
        assert.ok(text.trim().length > 0, `${language} ${key} ${formality}`);
        assert.doesNotMatch(text, emoji, `${language} ${key} ${formality} has no emoji with emoji: none`);
        for (const variable of templateVariables(text)) assert.ok(allowed.has(variable), `${language} ${key}: ${variable}`);
      }
    }
  }
});

test('speaks informally or formally as the tone says', () => {
  assert.equal(engineString('fallback', 'pt-BR', buildTone(), {}), 'Desculpa, não entendi. Pode escrever de outro jeito?');
  assert.equal(
    engineString('fallback', 'pt-BR', buildTone({ formality: 'formal' }), {}),
    'Desculpe, não entendi. Poderia escrever de outra forma?',
  );
  assert.match(engineString('fallback', 'es', buildTone(), {}), /Puedes/);
  assert.match(engineString('fallback', 'es', buildTone({ formality: 'formal' }), {}), /Podría/);
  assert.match(engineString('handoff', 'en', buildTone(), {}), /I'm/);
  assert.doesNotMatch(engineString('handoff', 'en', buildTone({ formality: 'formal' }), {}), /'/);
  // Formal pt-BR stays polite without "o senhor / a senhora".
  for (const key of keys)
    assert.doesNotMatch(engineString(key, 'pt-BR', buildTone({ formality: 'formal' }), {}), /senhor|senhora|\bte\b|\bpra\b/i, key);
});

test('renders the clarify and queued strings with the engine extras', () => {
  const clarify = engineString('clarify', 'pt-BR', buildTone(), {});
  assert.equal(renderTemplate(clarify, vars, { a: 'troca', b: 'devolução' }), 'Você quis dizer troca ou devolução?');
  const queued = engineString('handoffQueued', 'pt-BR', buildTone(), {});
  assert.equal(
    renderTemplate(queued, vars),
    'Estamos fora do horário de atendimento. Nossa equipe responde amanhã às 9h. Sua conversa já está na fila.',
  );
  const greeting = engineString('greeting', 'pt-BR', buildTone(), {});
  assert.equal(renderTemplate(greeting, vars), 'Oi, Ana! Sou o assistente virtual aqui da loja. Como posso te ajudar?');
  assert.equal(
    renderTemplate(greeting, { ...vars, contact: { displayName: null, locale: null } }),
    'Oi! Sou o assistente virtual aqui da loja. Como posso te ajudar?',
  );
});

test('adds emoji by level: few only on the greeting and thanks, many on more', () => {
  assert.equal(
    engineString('greeting', 'en', buildTone({ emoji: 'few' }), {}),
    "Hi, {{contact.first_name}}! 👋 I'm {{business.name}}'s virtual assistant. How can I help?",
  );
  assert.equal(engineString('csatThanks', 'es', buildTone({ emoji: 'few' }), {}), '¡Gracias por tu calificación! 😊');
  assert.doesNotMatch(engineString('clarify', 'pt-BR', buildTone({ emoji: 'few' }), {}), emoji);
  assert.equal(engineString('clarify', 'pt-BR', buildTone({ emoji: 'many' }), {}), 'Você quis dizer {{a}} ou {{b}}? 🤔');
  assert.equal(engineString('menuHuman', 'pt-BR', buildTone({ emoji: 'many' }), {}), '🙋 Falar com uma pessoa');
  assert.doesNotMatch(engineString('actionFailed', 'pt-BR', buildTone({ emoji: 'many' }), {}), emoji);
});

test('uses the workspace templates over the built-in text, per language', () => {
  const overrides = { fallback: { 'pt-BR': 'Não captei 😅 Pode repetir?' } };
  assert.equal(engineString('fallback', 'pt-BR', buildTone({ emoji: 'few' }), overrides), 'Não captei 😅 Pode repetir?');
  assert.equal(engineString('fallback', 'pt-BR', buildTone({ emoji: 'none' }), overrides), 'Não captei Pode repetir?');
  // No en override: the built-in English text, not the Portuguese override.
  assert.equal(engineString('fallback', 'en', buildTone(), overrides), "Sorry, I didn't get that. Could you say it another way?");
  assert.equal(engineString('handoff', 'pt-BR', buildTone(), { constructor: { 'pt-BR': 'x' } }), engineStrings['pt-BR'].handoff.informal);
});

test('greets with tone.greeting first, then a greeting template, then the built-in one', () => {
  const tone = buildTone({ greeting: { 'pt-BR': 'Fala, {{contact.first_name}}!' } });
  const overrides = { greeting: { 'pt-BR': 'Bem-vindo!', es: '¡Bienvenido!' } };
  assert.equal(engineString('greeting', 'pt-BR', tone, overrides), 'Fala, {{contact.first_name}}!');
  assert.equal(engineString('greeting', 'es', tone, overrides), '¡Bienvenido!');
  assert.equal(engineString('greeting', 'en', tone, overrides), engineStrings.en.greeting.informal);
});

test('strips emoji with emoji: none and leaves the words intact', () => {
  const none = buildTone({ emoji: 'none' });
  assert.equal(applyTone('Oi! 👋 Tudo bem?', none), 'Oi! Tudo bem?');
  assert.equal(applyTone('Valeu 😊!', none), 'Valeu!');
  assert.equal(applyTone('Pedido enviado 📦🚚', none), 'Pedido enviado');
  assert.equal(applyTone('👍 Certo', none), 'Certo');
  assert.equal(applyTone('ok👍obrigado', none), 'ok obrigado');
  assert.equal(applyTone('Família 👨‍👩‍👧‍👦 e 👍🏽 e ❤️ e 🇧🇷 fim', none), 'Família e e e fim');
  assert.equal(applyTone('Linha 1 🙂\nLinha 2', none), 'Linha 1\nLinha 2');
  assert.equal(
    applyTone('Loja® Exemplo™ © 2026 — preço R$ 10,00 → já! ¿Qué? ñ ç ã 1️⃣', none),
    'Loja® Exemplo™ © 2026 — preço R$ 10,00 → já! ¿Qué? ñ ç ã 1',
  );
  assert.equal(applyTone('Oi! 👋', buildTone({ emoji: 'few' })), 'Oi! 👋');
  assert.equal(stripEmoji('sem emoji nenhum.'), 'sem emoji nenhum.');
});
