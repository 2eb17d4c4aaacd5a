import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFlowVersion } from './compute-flow-version.ts';

describe('computeFlowVersion', () => {
  it('ignores key order and undefined fields, and changes with any value', () => {
    const version = computeFlowVersion({ id: 'f', steps: [{ kind: 'say', text: { 'pt-BR': 'oi' } }] });
    assert.match(version, /^[0-9a-f]{12}$/);
    assert.equal(computeFlowVersion({ steps: [{ text: { 'pt-BR': 'oi' }, kind: 'say', next: undefined }], id: 'f' }), version);
    assert.notEqual(computeFlowVersion({ id: 'f', steps: [{ kind: 'say', text: { 'pt-BR': 'olá' } }] }), version);
  });
});
