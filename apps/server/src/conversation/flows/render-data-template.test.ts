import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDataTemplateVariable, renderDataTemplate, renderDataValue, type DataTemplateScope } from './render-data-template.ts';

const scope: DataTemplateScope = {
  slots: {
    cpf: { value: '52998224725', display: '529.982.247-25' },
    total: { value: 49.9, display: 'R$ 49,90' },
    note: { value: 'a/b c&d', display: 'a/b c&d' },
    ok: { value: true, display: 'sim' },
  },
  contact: { id: 'c-1', displayName: 'Ana Souza', locale: 'pt-BR', attributes: { plan: 'gold' } },
};

describe('renderDataTemplate', () => {
  it('renders slots by canonical value, display on request, and contact fields', () => {
    assert.equal(
      renderDataTemplate('{{slots.cpf}} {{slots.cpf.display}} {{contact.id}} {{contact.first_name}} {{contact.attributes.plan}}', scope),
      '52998224725 529.982.247-25 c-1 Ana gold',
    );
  });

  it('encodes values, not the template, and leaves missing values empty', () => {
    assert.equal(
      renderDataTemplate('https://x.example/a/{{slots.note}}?q={{slots.none}}', scope, encodeURIComponent),
      'https://x.example/a/a%2Fb%20c%26d?q=',
    );
  });

  it('keeps escaped and unknown placeholders as written', () => {
    assert.equal(renderDataTemplate('\\{{slots.cpf}} {{business.name}} {{slots.__proto__}}', scope), '{{slots.cpf}} {{business.name}} ');
  });
});

describe('renderDataValue', () => {
  it('renders nested bodies and keeps the type of a lone placeholder', () => {
    assert.deepEqual(
      renderDataValue(
        {
          amount: '{{slots.total}}',
          ok: '{{slots.ok}}',
          who: ['{{contact.name}}', 7],
          text: 'CPF {{slots.cpf}}',
          missing: '{{slots.none}}',
        },
        scope,
      ),
      {
        amount: 49.9,
        ok: true,
        who: ['Ana Souza', 7],
        text: 'CPF 52998224725',
        missing: null,
      },
    );
  });
});

describe('isDataTemplateVariable', () => {
  it('accepts slots and contact fields only', () => {
    assert.deepEqual(
      [
        'slots.a',
        'slots.a.value',
        'slots.a.display',
        'slots.a.b',
        'contact.id',
        'contact.attributes.x',
        'contact.email',
        'contact.phone',
        'contact.email.x',
        'business.name',
        'slots',
      ].map(isDataTemplateVariable),
      [true, true, true, false, true, true, true, true, false, false, false],
    );
  });
});
