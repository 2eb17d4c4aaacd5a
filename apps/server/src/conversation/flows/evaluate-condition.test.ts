import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCondition, type ConditionScope } from './evaluate-condition.ts';
import type { FlowCondition } from './flow-definition.ts';

const scope: ConditionScope = {
  slots: {
    status: { value: 'shipped', display: 'Enviado' },
    total: { value: 149.9, display: 'R$ 149,90' },
    qty: { value: '3', display: '3' },
    ok: { value: true, display: 'sim' },
    empty: { value: '', display: '' },
  },
  contact: { displayName: 'Ana', locale: 'pt-BR', attributes: { plan: 'gold', orders: 12 }, segments: ['vip'] },
  isOpen: false,
};

function holds(condition: FlowCondition): boolean {
  return evaluateCondition(condition, scope);
}

describe('evaluateCondition', () => {
  it('compares slots by their canonical value with equals, notEquals and in', () => {
    assert.equal(holds({ slot: 'status', equals: 'shipped' }), true);
    assert.equal(holds({ slot: 'status', equals: 'Enviado' }), false, 'the display is not the value');
    assert.equal(holds({ slot: 'status', notEquals: 'delivered' }), true);
    assert.equal(holds({ slot: 'missing', notEquals: 'delivered' }), true);
    assert.equal(holds({ slot: 'status', in: ['paid', 'shipped'] }), true);
    assert.equal(holds({ slot: 'status', in: ['paid'] }), false);
    assert.equal(holds({ slot: 'ok', equals: true }), true);
    assert.equal(holds({ slot: 'ok', equals: 'true' }), true);
    assert.equal(holds({ slot: 'qty', equals: 3 }), true);
    assert.equal(holds({ slot: 'missing', equals: 'x' }), false);
  });

  it('tells present from missing or empty with exists', () => {
    assert.equal(holds({ slot: 'status', exists: true }), true);
    assert.equal(holds({ slot: 'missing', exists: true }), false);
    assert.equal(holds({ slot: 'missing', exists: false }), true);
    assert.equal(holds({ slot: 'empty', exists: false }), true);
  });

  it('compares numbers, numeric text included, and is false for anything else', () => {
    assert.equal(holds({ slot: 'total', gt: 100 }), true);
    assert.equal(holds({ slot: 'total', gte: 149.9 }), true);
    assert.equal(holds({ slot: 'total', lt: 100 }), false);
    assert.equal(holds({ slot: 'qty', lte: 3 }), true);
    assert.equal(holds({ slot: 'status', gt: 0 }), false);
    assert.equal(holds({ slot: 'missing', lt: 10 }), false);
  });

  it('matches a regular expression case-insensitively, and a broken one never throws', () => {
    assert.equal(holds({ slot: 'status', matches: '^SHIP' }), true);
    assert.equal(holds({ slot: 'status', matches: '^paid$' }), false);
    assert.equal(holds({ slot: 'status', matches: '[' }), false);
  });

  it('reads contact attributes and segments', () => {
    assert.equal(holds({ attribute: 'plan', equals: 'gold' }), true);
    assert.equal(holds({ attribute: 'orders', gte: 10 }), true);
    assert.equal(holds({ attribute: 'nope', exists: false }), true);
    assert.equal(holds({ attribute: 'constructor', exists: true }), false, 'only own attributes count');
    assert.equal(holds({ segment: 'vip' }), true);
    assert.equal(holds({ segment: 'b2b' }), false);
  });

  it('reads business hours and combines with all, any and not', () => {
    assert.equal(holds({ businessHours: 'closed' }), true);
    assert.equal(holds({ businessHours: 'open' }), false);
    assert.equal(holds({ all: [{ segment: 'vip' }, { businessHours: 'closed' }] }), true);
    assert.equal(holds({ all: [{ segment: 'vip' }, { businessHours: 'open' }] }), false);
    assert.equal(holds({ any: [{ segment: 'b2b' }, { slot: 'ok', equals: true }] }), true);
    assert.equal(holds({ not: { any: [{ segment: 'b2b' }, { businessHours: 'open' }] } }), true);
  });
});
