import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowDefinition, FlowTrigger } from './flow-definition.ts';
import { findTriggeredFlow, type TriggerInput } from './find-triggered-flow.ts';

function buildFlow(id: string, trigger: Partial<FlowTrigger>): FlowDefinition {
  return {
    id,
    name: id,
    version: 'v1',
    trigger: { intents: [], keywords: {}, events: [], segments: [], ...trigger },
    steps: [{ kind: 'end', id: 'done', csat: false }],
    source: { file: `${id}.yaml` },
  };
}

const flows = [
  buildFlow('welcome', { events: ['conversation.started'] }),
  buildFlow('order-status', { intents: ['order_status'], keywords: { 'pt-BR': ['rastrear', 'código de rastreio'], en: ['tracking'] } }),
  buildFlow('vip-order-status', { intents: ['order_status'], segments: ['vip'] }),
  buildFlow('cancel', { intents: ['cancel_order'], keywords: { 'pt-BR': ['cancelar'] } }),
];

function find(input: Partial<TriggerInput>): string | null {
  return findTriggeredFlow(flows, { intent: null, normalizedText: '', language: 'pt-BR', segments: [], ...input })?.id ?? null;
}

describe('findTriggeredFlow', () => {
  it('starts the flow of the recognised intent', () => {
    assert.equal(find({ intent: 'cancel_order', normalizedText: 'quero desistir da compra' }), 'cancel');
    assert.equal(find({ intent: 'greeting', normalizedText: 'oi' }), null);
  });

  it('prefers a flow limited to the contact’s segment and skips it for other contacts', () => {
    assert.equal(find({ intent: 'order_status', segments: ['vip'] }), 'vip-order-status');
    assert.equal(find({ intent: 'order_status', segments: ['b2b'] }), 'order-status');
  });

  it('matches keywords as whole words, accents and case ignored, phrases included', () => {
    assert.equal(find({ normalizedText: 'como faço pra RASTREAR?' }), 'order-status');
    assert.equal(find({ normalizedText: 'me passa o codigo de rastreio' }), 'order-status');
    assert.equal(find({ normalizedText: 'rastreamento' }), null, 'rastrear is not a prefix match');
    assert.equal(find({ normalizedText: 'descancelar' }), null);
  });

  it('lets the intent win over a keyword of another flow', () => {
    assert.equal(find({ intent: 'order_status', normalizedText: 'cancelar ou rastrear?' }), 'order-status');
  });

  it('falls back to keywords of other languages after the message language', () => {
    assert.equal(find({ normalizedText: 'qual o tracking?', language: 'pt-BR' }), 'order-status');
    assert.equal(find({ normalizedText: 'where is my order', language: 'en' }), null);
  });

  it('starts event flows on their event first', () => {
    assert.equal(find({ event: 'conversation.started', intent: 'cancel_order' }), 'welcome');
    assert.equal(find({ event: 'conversation.closed', intent: 'cancel_order' }), 'cancel');
  });
});
