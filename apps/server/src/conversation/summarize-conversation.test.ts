import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeConversation, type SummaryEvent, type SummaryInput, type SummaryMessage } from './summarize-conversation.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute)).toISOString();

function message(overrides: Partial<SummaryMessage> & { minute: number }): SummaryMessage {
  return { direction: 'inbound', author: 'contact', channelType: 'whatsapp', createdAt: at(overrides.minute), ...overrides };
}

function buildInput(overrides: Partial<SummaryInput> = {}): SummaryInput {
  return {
    conversation: { createdAt: at(0), resolvedAt: null, botState: { language: 'pt-BR' } },
    messages: [
      message({ minute: 0 }),
      message({ minute: 0, direction: 'outbound', author: 'bot' }),
      message({ minute: 5, channelType: 'sms' }),
      message({ minute: 6, direction: 'outbound', author: 'bot', channelType: 'sms' }),
      message({ minute: 7, channelType: 'whatsapp' }),
      message({ minute: 9, direction: 'outbound', author: 'agent', channelType: 'email' }),
    ],
    firstCustomerText: '  quero   saber do meu pedido  ',
    events: [],
    defaultLanguage: 'pt-BR',
    ...overrides,
  };
}

const event = (type: string, payload: Record<string, unknown>): SummaryEvent => ({ type, payload, occurredAt: at(1) });

test('summarises what was asked, done and where, with lines in Portuguese', () => {
  const summary = summarizeConversation(
    buildInput({
      conversation: { createdAt: at(0), resolvedAt: at(130), botState: { language: 'pt-BR' } },
      events: [
        event('bot.replied', { intent: 'order_status', understanding: { answeredBy: 'flow' } }),
        event('bot.replied', { intent: 'order_status', understanding: { answeredBy: 'flow' } }),
        event('bot.replied', { intent: 'greeting', understanding: { answeredBy: 'fallback' } }),
        event('bot.replied', { intent: null }),
        event('flow.completed', {
          flowId: 'order-status',
          version: '1',
          slots: { order_ref: '123456', cpf: { value: '52998224725', display: '529.982.247-25' }, nested: { no: 1 }, paid: true },
        }),
        event('handoff.requested', { reason: 'customer_asked', team: 'suporte' }),
        event('csat.answered', { score: 5 }),
        event('conversation.resolved', { note: 'trocado o endereço' }),
      ],
    }),
  );
  assert.equal(summary.language, 'pt-BR');
  assert.deepEqual(summary.request, { firstMessage: 'quero saber do meu pedido', intents: ['order_status'] });
  assert.deepEqual(summary.flowsCompleted, [{ flowId: 'order-status', slots: { order_ref: '123456', cpf: '529.982.247-25', paid: true } }]);
  assert.deepEqual(summary.handoff, { reason: 'customer_asked', team: 'suporte' });
  assert.deepEqual(summary.csat, { score: 5 });
  assert.deepEqual(summary.channels, ['whatsapp', 'sms', 'email']);
  assert.deepEqual(summary.counts, { total: 6, fromCustomer: 3, fromBot: 2, fromAgents: 1 });
  assert.equal(summary.firstMessageAt, at(0));
  assert.equal(summary.lastMessageAt, at(9));
  assert.equal(summary.durationSeconds, 540);
  assert.deepEqual(summary.resolution, { resolvedAt: at(130), note: 'trocado o endereço', secondsToResolve: 7800 });
  assert.deepEqual(summary.lines, [
    'Cliente escreveu: "quero saber do meu pedido" — assuntos: order_status.',
    'Concluiu order-status (order_ref: 123456, cpf: 529.982.247-25, paid: true). Passou para atendente (motivo: customer_asked, equipe: suporte). Nota 5/5.',
    'Resolvida após 2 h 10 min; 6 mensagens (WhatsApp, SMS, e-mail); nota: trocado o endereço.',
  ]);
});

test('writes the lines in the conversation language, falling back on the workspace default', () => {
  const english = summarizeConversation(buildInput({ conversation: { createdAt: at(0), resolvedAt: null, botState: { language: 'en' } } }));
  assert.deepEqual(english.lines, ['Customer wrote: "quero saber do meu pedido".', 'Open; 6 messages (WhatsApp, SMS, e-mail).']);
  const spanish = summarizeConversation(
    buildInput({ conversation: { createdAt: at(0), resolvedAt: null, botState: {} }, defaultLanguage: 'es-AR' }),
  );
  assert.equal(spanish.language, 'es');
  assert.equal(spanish.lines.at(-1), 'Abierta; 6 mensajes (WhatsApp, SMS, e-mail).');
});

test('a conversation without messages still has a summary', () => {
  const summary = summarizeConversation(buildInput({ messages: [], firstCustomerText: null }));
  assert.equal(summary.durationSeconds, null);
  assert.equal(summary.firstMessageAt, null);
  assert.deepEqual(summary.channels, []);
  assert.deepEqual(summary.lines, ['Sem mensagens do cliente.', 'Em aberto; 0 mensagens.']);
});

test('caps long first messages and slot values, and ignores malformed event payloads', () => {
  const summary = summarizeConversation(
    buildInput({
      firstCustomerText: 'a'.repeat(500),
      events: [
        event('flow.completed', { flowId: 42 }),
        event('flow.completed', { flowId: 'lead', slots: 'nope' }),
        event('flow.completed', { flowId: 'long', slots: { text: 'b'.repeat(300) } }),
        event('csat.answered', { score: 'five' }),
        event('bot.replied', { intent: 'price', understanding: null }),
      ],
    }),
  );
  assert.equal(summary.request.firstMessage?.length, 160);
  assert.deepEqual(summary.request.intents, ['price']);
  assert.deepEqual(
    summary.flowsCompleted.map((f) => f.flowId),
    ['lead', 'long'],
  );
  assert.equal(String(summary.flowsCompleted[1]?.slots['text']).length, 80);
  assert.equal(summary.csat, null);
});
