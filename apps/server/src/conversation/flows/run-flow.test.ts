import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content } from '@fio/contracts';
import { parseYamlText } from '../../workspace/parse-yaml-file.ts';
import type { LocalizedText } from '../../workspace/workspace.schema.ts';
import type { HttpActionRequest, HttpActionResult, HttpActionRunner } from '../actions/index.ts';
import type { FlowRun, SlotValue } from '../bot/engine.ts';
import { expectationOf } from './expectation-of.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FlowEnv, FlowOutcome } from './flow-env.ts';
import { flowFileSchema } from './flow-file.schema.ts';
import { repromptFlow } from './reprompt-flow.ts';
import { resumeFlow } from './resume-flow.ts';
import { maxStepsPerTurn } from './run-flow-steps.ts';
import { startFlow } from './start-flow.ts';
import { toFlowDefinition } from './to-flow-definition.ts';

function buildFlow(yaml: string): FlowDefinition {
  const parsed = parseYamlText('test.yaml', yaml, { env: {} });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const file = flowFileSchema.safeParse(parsed.parsed.value);
  assert.ok(file.success, JSON.stringify(file.error?.issues));
  return toFlowDefinition(file.data, { file: 'test.yaml' });
}

type Responder = (request: HttpActionRequest) => HttpActionResult | Promise<HttpActionResult>;

function buildEnv(overrides: Partial<FlowEnv> = {}, respond: Responder = () => ({ ok: false, code: 'network', message: 'no server' })) {
  const requests: HttpActionRequest[] = [];
  const http: HttpActionRunner = {
    run: async (request) => {
      requests.push(request);
      return respond(request);
    },
  };
  const now = new Date('2026-11-24T17:00:00Z');
  const env: FlowEnv = {
    language: 'pt-BR',
    now,
    timezone: 'America/Sao_Paulo',
    contact: { id: 'c1', displayName: 'Ana Souza', locale: 'pt-BR', attributes: { plan: 'gold' }, segments: [] },
    isOpen: true,
    say: (text: LocalizedText, slots: Record<string, SlotValue>) =>
      (text[env.language] ?? text['pt-BR'] ?? '').replace(/\{\{\s*slots\.(\w+)\s*\}\}/g, (_, name: string) => slots[name]?.display ?? ''),
    sayBuiltIn: (key) => `[${key}]`,
    entityContext: { language: 'pt-BR', timezone: 'America/Sao_Paulo', now, orderNumberPattern: '#?\\d{4,10}' },
    http,
    workspaceId: 'demo',
    ...overrides,
  };
  return { env, requests };
}

function texts(outcome: FlowOutcome): string[] {
  return outcome.replies.map((reply: Content) => (reply.kind === 'text' ? reply.text : `<${reply.kind}>`));
}

function quickReplies(outcome: FlowOutcome): { id: string; label: string }[] {
  const last = outcome.replies.at(-1);
  return last?.kind === 'text' ? (last.quickReplies ?? []) : [];
}

function waitingRun(outcome: FlowOutcome): FlowRun {
  assert.equal(outcome.status, 'waiting');
  assert.ok(outcome.run);
  return outcome.run;
}

const orderStatus = buildFlow(`
id: order-status
name: Status do pedido
steps:
  - id: hello
    say: { pt-BR: "Vou ver seu pedido." }
  - id: ask_ref
    ask:
      slot: order_ref
      type: order_number
      accept: [order_number, cpf]
      prompt: { pt-BR: "Qual o número do pedido ou o seu CPF?" }
      reprompt: { pt-BR: "O número tem 6 dígitos, ex.: 123456." }
  - id: lookup
    call:
      url: "https://store.example/api/orders/{{slots.order_ref}}"
      headers: { Authorization: "Bearer t0k", X-Customer: "{{contact.attributes.plan}}" }
      timeoutMs: 4000
      retries: 1
      map: { order_status: $.status, eta: $.delivery.eta, items: "$.items[*].name" }
      onError: lookup_failed
      onNotFound: not_found
  - id: route
    branch:
      - when: { slot: order_status, equals: shipped }
        next: shipped
      - next: not_shipped
  - id: shipped
    say: { pt-BR: "Seu pedido {{slots.order_ref}} saiu para entrega; chega {{slots.eta}}. Itens: {{slots.items}}." }
    next: done
  - id: not_shipped
    say: { pt-BR: "Seu pedido {{slots.order_ref}} está em preparação." }
    next: done
  - id: not_found
    say: { pt-BR: "Não achei o pedido {{slots.order_ref}}." }
    next: done
  - id: lookup_failed
    say: { pt-BR: "O sistema de pedidos não respondeu." }
    next: done
  - id: done
    end: { say: { pt-BR: "Posso ajudar em algo mais?" }, csat: true }
`);

describe('startFlow', () => {
  it('says the first steps and waits at the first ask, with a fresh run', async () => {
    const { env } = buildEnv();
    const outcome = await startFlow(orderStatus, env);
    assert.deepEqual(texts(outcome), ['Vou ver seu pedido.', 'Qual o número do pedido ou o seu CPF?']);
    assert.deepEqual(outcome.run, {
      flowId: 'order-status',
      version: orderStatus.version,
      stepId: 'ask_ref',
      slots: {},
      attempts: 0,
      startedAt: '2026-11-24T17:00:00.000Z',
    });
    assert.deepEqual(outcome.actions, []);
    assert.equal(outcome.askCsat, false);
  });

  it('runs say, set and end in one turn when nothing waits', async () => {
    const flow = buildFlow(`
id: greet
name: Greet
steps:
  - id: save
    set: { attributes: { source: bot, plan: "{{contact.attributes.plan}}", vip: true }, slots: { confirmed: "yes", copy: "{{contact.name}}" } }
  - id: hi
    say: { pt-BR: "Oi! {{slots.confirmed}} {{slots.copy}}" }
  - id: done
    end: { csat: false }
`);
    const outcome = await startFlow(flow, buildEnv().env);
    assert.equal(outcome.status, 'ended');
    assert.equal(outcome.run, null);
    assert.deepEqual(texts(outcome), ['Oi! yes Ana Souza']);
    assert.deepEqual(outcome.actions, [
      { type: 'set_attributes', attributes: { source: 'bot', plan: 'gold', vip: true } },
      {
        type: 'flow_completed',
        flowId: 'greet',
        version: flow.version,
        slots: { confirmed: { value: 'yes', display: 'yes' }, copy: { value: 'Ana Souza', display: 'Ana Souza' } },
      },
    ]);
  });

  it('completes a flow whose last step is not an end step', async () => {
    const flow = buildFlow(`id: f\nname: F\nsteps:\n  - id: a\n    say: { pt-BR: Tchau }\n`);
    const outcome = await startFlow(flow, buildEnv().env);
    assert.equal(outcome.status, 'ended');
    assert.equal(outcome.askCsat, false);
    assert.deepEqual(outcome.actions, [{ type: 'flow_completed', flowId: 'f', version: flow.version, slots: {} }]);
  });

  it('hands off at a handoff step with team, priority and a rendered note', async () => {
    const flow = buildFlow(`
id: cancel
name: Cancel
steps:
  - id: save
    set: { slots: { order_ref: "123456" } }
  - id: to_team
    handoff:
      team: suporte
      priority: high
      note: { pt-BR: "Pedido {{slots.order_ref}} já enviado: cancelamento manual" }
      say: { pt-BR: "Vou chamar alguém da equipe." }
`);
    const outcome = await startFlow(flow, buildEnv().env);
    assert.equal(outcome.status, 'handoff');
    assert.deepEqual(texts(outcome), ['Vou chamar alguém da equipe.']);
    assert.equal(outcome.ownHandoffText, true);
    assert.deepEqual(outcome.actions, [
      { type: 'handoff', reason: 'flow', team: 'suporte', priority: 'high', note: 'Pedido 123456 já enviado: cancelamento manual' },
    ]);
    assert.deepEqual(outcome.run?.slots, { order_ref: { value: '123456', display: '123456' } }, 'the run stays for the context package');
  });

  it('hands off (action_failed) instead of looping forever when steps never wait', async () => {
    // The loader rejects such a loop; a stored older version or a hand-built definition must still stop.
    const flow: FlowDefinition = {
      id: 'loop',
      name: 'Loop',
      version: 'v1',
      trigger: { intents: [], keywords: {}, events: [], segments: [] },
      steps: [
        { kind: 'say', id: 'a', text: { 'pt-BR': 'a' }, next: 'b' },
        { kind: 'branch', id: 'b', rules: [{ next: 'a' }], fallthrough: null },
      ],
      source: { file: 'x' },
    };
    const outcome = await startFlow(flow, buildEnv().env);
    assert.equal(outcome.status, 'handoff');
    assert.equal(outcome.replies.length, maxStepsPerTurn / 2);
    const [action] = outcome.actions;
    assert.ok(action?.type === 'handoff');
    assert.equal(action.reason, 'action_failed');
    assert.match(action.note ?? '', /mais de 50 passos|more than 50 steps/);
  });
});

describe('resumeFlow', () => {
  it('fills the slot, calls the service with the encoded value and says the mapped answer', async () => {
    const { env, requests } = buildEnv({}, () => ({
      ok: true,
      status: 200,
      json: { status: 'shipped', delivery: { eta: 'sexta, 27/11' }, items: [{ name: 'Tênis' }, { name: 'Meia' }] },
    }));
    const started = await startFlow(orderStatus, env);
    const outcome = await resumeFlow(orderStatus, waitingRun(started), { text: 'é o pedido #123456' }, env);
    assert.equal(outcome.slotRejected, undefined);
    assert.deepEqual(requests, [
      {
        method: 'GET',
        url: 'https://store.example/api/orders/123456',
        headers: { Authorization: 'Bearer t0k', 'X-Customer': 'gold' },
        timeoutMs: 4000,
        retries: 1,
      },
    ]);
    assert.deepEqual(texts(outcome), [
      'Seu pedido 123456 saiu para entrega; chega sexta, 27/11. Itens: Tênis, Meia.',
      'Posso ajudar em algo mais?',
    ]);
    assert.equal(outcome.status, 'ended');
    assert.equal(outcome.askCsat, true);
    const completed = outcome.actions.find((action) => action.type === 'flow_completed');
    assert.ok(completed?.type === 'flow_completed');
    assert.equal(completed.slots.order_status?.value, 'shipped');
  });

  it('takes a CPF as well, sending the digits rather than the formatted display', async () => {
    const { env, requests } = buildEnv({}, () => ({ ok: true, status: 200, json: { status: 'paid' } }));
    const run = waitingRun(await startFlow(orderStatus, env));
    const outcome = await resumeFlow(orderStatus, run, { text: 'meu cpf é 529.982.247-25' }, env);
    assert.equal(requests[0]?.url, 'https://store.example/api/orders/52998224725');
    assert.deepEqual(texts(outcome)[0], 'Seu pedido 529.982.247-25 está em preparação.');
  });

  it('goes to onNotFound when the service answers 404', async () => {
    const { env } = buildEnv({}, () => ({ ok: false, code: 'bad_status', status: 404, message: 'not found' }));
    const run = waitingRun(await startFlow(orderStatus, env));
    const outcome = await resumeFlow(orderStatus, run, { text: '654321' }, env);
    assert.deepEqual(texts(outcome), ['Não achei o pedido 654321.', 'Posso ajudar em algo mais?']);
  });

  for (const failure of [
    { code: 'timeout', message: 'no answer in 4000 ms' },
    { code: 'invalid_json', status: 200, message: 'not JSON' },
    { code: 'bad_status', status: 500, message: 'server error' },
  ] as const) {
    it(`goes to onError on ${failure.code}`, async () => {
      const { env } = buildEnv({}, () => ({ ok: false, ...failure }));
      const run = waitingRun(await startFlow(orderStatus, env));
      const outcome = await resumeFlow(orderStatus, run, { text: '654321' }, env);
      assert.deepEqual(texts(outcome), ['O sistema de pedidos não respondeu.', 'Posso ajudar em algo mais?']);
      assert.equal(outcome.status, 'ended');
    });
  }

  it('hands off with action_failed when a call fails and the step has no onError, even if the runner throws', async () => {
    const flow = buildFlow(`
id: f
name: F
steps:
  - id: lookup
    call: { url: "https://store.example/x", onNotFound: gone }
  - id: ok
    end: {}
  - id: gone
    end: {}
`);
    for (const respond of [
      (): HttpActionResult => ({ ok: false, code: 'timeout', message: 'slow' }),
      (): HttpActionResult => {
        throw new Error('boom');
      },
    ]) {
      const outcome = await startFlow(flow, buildEnv({}, respond).env);
      assert.equal(outcome.status, 'handoff');
      const [action] = outcome.actions;
      assert.ok(action?.type === 'handoff');
      assert.equal(action.reason, 'action_failed');
      assert.match(action.note ?? '', /lookup/);
    }
  });

  it('treats a 200 whose fields are missing or not scalars as unset slots, dropping older values', async () => {
    const flow = buildFlow(`
id: f
name: F
steps:
  - id: set
    set: { slots: { eta: "ontem" } }
  - id: lookup
    call: { url: "https://store.example/x", map: { eta: $.eta, status: $.status } }
  - id: said
    say: { pt-BR: "[{{slots.eta}}] [{{slots.status}}]" }
`);
    const outcome = await startFlow(flow, buildEnv({}, () => ({ ok: true, status: 200, json: { status: { nested: true } } })).env);
    assert.deepEqual(texts(outcome), ['[] []']);
  });

  it('reprompts with the step reprompt, counts the attempt and signals slotRejected', async () => {
    const { env } = buildEnv();
    const run = waitingRun(await startFlow(orderStatus, env));
    const outcome = await resumeFlow(orderStatus, run, { text: 'quero saber das formas de pagamento' }, env);
    assert.equal(outcome.status, 'waiting');
    assert.deepEqual(texts(outcome), ['O número tem 6 dígitos, ex.: 123456.']);
    assert.equal(outcome.run?.attempts, 1);
    assert.equal(outcome.run?.stepId, 'ask_ref');
    assert.deepEqual(outcome.slotRejected, { ok: false, reason: 'not_found' });
  });

  it('uses the built-in reprompt plus the question, or slotInvalid for an invalid value, when the step has no reprompt', async () => {
    const flow = buildFlow(`
id: f
name: F
steps:
  - id: cpf
    ask: { slot: cpf, type: cpf, prompt: { pt-BR: "Qual o seu CPF?" } }
  - id: done
    end: {}
`);
    const { env } = buildEnv();
    const run = waitingRun(await startFlow(flow, env));
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: 'não sei' }, env)), ['[reprompt] Qual o seu CPF?']);
    const invalid = await resumeFlow(flow, run, { text: '111.222.333-44' }, env);
    assert.deepEqual(texts(invalid), ['[slotInvalid]']);
    assert.deepEqual(invalid.slotRejected, { ok: false, reason: 'invalid_check_digits' });
  });

  it('hands off with slot_attempts at maxAttempts, or goes to onFail when the step names one', async () => {
    const yaml = (onFail: string) => `
id: f
name: F
steps:
  - id: email
    ask: { slot: email, type: email, prompt: { pt-BR: "Seu e-mail?" }, maxAttempts: 2${onFail} }
  - id: done
    end: {}
  - id: give_up
    say: { pt-BR: "Sem problema, seguimos sem e-mail." }
`;
    const { env } = buildEnv();
    const flow = buildFlow(yaml(''));
    let run = waitingRun(await startFlow(flow, env));
    run = waitingRun(await resumeFlow(flow, run, { text: 'hmm' }, env));
    const handoff = await resumeFlow(flow, run, { text: 'sei lá' }, env);
    assert.equal(handoff.status, 'handoff');
    assert.deepEqual(handoff.replies, []);
    assert.ok(handoff.slotRejected);
    const [action] = handoff.actions;
    assert.ok(action?.type === 'handoff');
    assert.equal(action.reason, 'slot_attempts');
    assert.match(action.note ?? '', /"email".*2 tentativas/);

    const withFail = buildFlow(yaml(', onFail: give_up'));
    let failing = waitingRun(await startFlow(withFail, env));
    failing = waitingRun(await resumeFlow(withFail, failing, { text: 'hmm' }, env));
    const gaveUp = await resumeFlow(withFail, failing, { text: 'sei lá' }, env);
    assert.deepEqual(texts(gaveUp), ['Sem problema, seguimos sem e-mail.']);
    assert.equal(gaveUp.status, 'ended');
  });

  it('continues from a run whose step no longer exists by handing off, never leaving it stuck', async () => {
    const { env } = buildEnv();
    const run: FlowRun = {
      flowId: 'order-status',
      version: 'old',
      stepId: 'removed',
      slots: {},
      attempts: 0,
      startedAt: '2026-11-24T16:00:00Z',
    };
    const outcome = await resumeFlow(orderStatus, run, { text: '123456' }, env);
    assert.equal(outcome.status, 'handoff');
    assert.equal(outcome.actions[0]?.type === 'handoff' && outcome.actions[0].reason, 'action_failed');
  });
});

const returnFlow = buildFlow(`
id: return
name: Troca
steps:
  - id: pick
    choose:
      slot: reason
      prompt: { pt-BR: "Qual o motivo?", en: "Why?" }
      options:
        - { value: damaged, label: { pt-BR: Produto com defeito, en: Damaged product }, next: damaged }
        - { value: size, label: { pt-BR: Tamanho errado, en: Wrong size } }
        - { value: other, label: { pt-BR: Outro motivo, en: Other } }
  - id: generic
    say: { pt-BR: "Motivo: {{slots.reason}}" }
    next: done
  - id: damaged
    say: { pt-BR: "Sinto muito pelo defeito." }
  - id: done
    end: {}
`);

describe('choose', () => {
  it('offers the options as quick replies with choice: payloads', async () => {
    const outcome = await startFlow(returnFlow, buildEnv().env);
    assert.deepEqual(texts(outcome), ['Qual o motivo?']);
    assert.deepEqual(quickReplies(outcome), [
      { id: 'choice:damaged', label: 'Produto com defeito' },
      { id: 'choice:size', label: 'Tamanho errado' },
      { id: 'choice:other', label: 'Outro motivo' },
    ]);
  });

  it('accepts the payload, the option number, the label and a label in another language', async () => {
    const { env } = buildEnv();
    const run = waitingRun(await startFlow(returnFlow, env));
    const cases: [{ text: string; payload?: string }, string][] = [
      [{ text: 'Produto com defeito', payload: 'choice:damaged' }, 'Sinto muito pelo defeito.'],
      [{ text: '2' }, 'Motivo: Tamanho errado'],
      [{ text: 'tamanho errado' }, 'Motivo: Tamanho errado'],
      [{ text: 'Other' }, 'Motivo: Outro motivo'],
    ];
    for (const [input, expected] of cases) {
      const outcome = await resumeFlow(returnFlow, run, input, env);
      assert.equal(outcome.slotRejected, undefined, JSON.stringify(input));
      assert.equal(texts(outcome)[0], expected, JSON.stringify(input));
    }
  });

  it('reprompts with the options again when the answer picks none', async () => {
    const { env } = buildEnv();
    const run = waitingRun(await startFlow(returnFlow, env));
    const outcome = await resumeFlow(returnFlow, run, { text: 'banana', payload: 'choice:nope' }, env);
    assert.equal(outcome.status, 'waiting');
    assert.equal(quickReplies(outcome).length, 3);
    assert.ok(outcome.slotRejected);
  });

  it('builds options from data a call kept, and matches the pick against them on the next turn', async () => {
    const flow = buildFlow(`
id: booking
name: Booking
steps:
  - id: free
    call: { url: "https://store.example/slots", mapData: { slots_list: $.slots } }
  - id: pick
    choose:
      slot: slot_id
      prompt: { pt-BR: "Tenho estes horários:" }
      optionsFrom: { data: slots_list, value: $.id, label: $.labels, max: 2 }
  - id: ok
    say: { pt-BR: "Marcado: {{slots.slot_id}}" }
`);
    const json = {
      slots: [
        { id: 's1', labels: { 'pt-BR': 'sex 27/11 às 10:00', en: 'Fri 11/27 10 am' } },
        { id: 's2', labels: { 'pt-BR': 'sex 27/11 às 11:00', en: 'Fri 11/27 11 am' } },
        { id: 's3', labels: { 'pt-BR': 'sex 27/11 às 12:00', en: 'Fri 11/27 noon' } },
        { id: 's4' },
      ],
    };
    const { env } = buildEnv({}, () => ({ ok: true, status: 200, json }));
    const started = await startFlow(flow, env);
    assert.deepEqual(quickReplies(started), [
      { id: 'choice:s1', label: 'sex 27/11 às 10:00' },
      { id: 'choice:s2', label: 'sex 27/11 às 11:00' },
    ]);
    const run = waitingRun(started);
    assert.deepEqual(run.data, { slots_list: json.slots });
    assert.deepEqual(expectationOf(flow, run), {
      kind: 'choose',
      slot: 'slot_id',
      types: ['choice'],
      choices: [
        { value: 's1', labels: ['sex 27/11 às 10:00', 'Fri 11/27 10 am'] },
        { value: 's2', labels: ['sex 27/11 às 11:00', 'Fri 11/27 11 am'] },
      ],
    });
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: '2' }, env)), ['Marcado: sex 27/11 às 11:00']);
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: 'x', payload: 'choice:s1' }, env)), ['Marcado: sex 27/11 às 10:00']);
  });
});

describe('ask yes_no and choice', () => {
  const flow = buildFlow(`
id: confirm
name: Confirm
steps:
  - id: sure
    ask: { slot: sure, type: yes_no, prompt: { pt-BR: "Confirma o cancelamento?" } }
  - id: route
    branch:
      - when: { slot: sure, equals: true }
        next: yes
      - next: no
  - id: yes
    end: { say: { pt-BR: "Cancelado." } }
  - id: no
    end: { say: { pt-BR: "Mantido." } }
`);

  it('offers Sim/Não buttons and takes the button or a typed answer as a boolean', async () => {
    const { env } = buildEnv();
    const started = await startFlow(flow, env);
    assert.deepEqual(quickReplies(started), [
      { id: 'choice:yes', label: 'Sim' },
      { id: 'choice:no', label: 'Não' },
    ]);
    const run = waitingRun(started);
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: 'Sim', payload: 'choice:yes' }, env)), ['Cancelado.']);
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: 'não, obrigado' }, env)), ['Mantido.']);
    assert.deepEqual(texts(await resumeFlow(flow, run, { text: 'pode sim' }, env)), ['Cancelado.']);
  });

  it('shows the buttons in the conversation language', async () => {
    const started = await startFlow(flow, buildEnv({ language: 'en' }).env);
    assert.deepEqual(
      quickReplies(started).map((reply) => reply.label),
      ['Yes', 'No'],
    );
  });

  it('expects the ask slot with its types, rules and choices', async () => {
    const sized = buildFlow(`
id: size
name: Size
steps:
  - id: size
    ask:
      slot: size
      type: choice
      options: [{ value: p, label: { pt-BR: Pequeno } }, { value: g, label: { pt-BR: Grande } }]
      prompt: { pt-BR: "Tamanho?" }
  - id: qty
    ask: { slot: qty, type: number, validate: { min: 1, max: 10 }, prompt: { pt-BR: "Quantos?" } }
`);
    const { env } = buildEnv();
    const run = waitingRun(await startFlow(sized, env));
    assert.deepEqual(expectationOf(sized, run), {
      kind: 'ask',
      slot: 'size',
      types: ['choice'],
      choices: [
        { value: 'p', labels: ['Pequeno'] },
        { value: 'g', labels: ['Grande'] },
      ],
    });
    const next = waitingRun(await resumeFlow(sized, run, { text: 'grande' }, env));
    assert.deepEqual(next.slots.size, { value: 'g', display: 'Grande' });
    assert.deepEqual(expectationOf(sized, next), { kind: 'ask', slot: 'qty', types: ['number'], rules: { min: 1, max: 10 } });
    const tooMany = await resumeFlow(sized, next, { text: '50' }, env);
    assert.deepEqual(tooMany.slotRejected, { ok: false, reason: 'out_of_range' });
    assert.equal(expectationOf(sized, { ...next, stepId: 'nowhere' }), null);
  });
});

describe('repromptFlow', () => {
  it('asks the waiting question again with its options, without counting an attempt', async () => {
    const { env } = buildEnv();
    const run = { ...waitingRun(await startFlow(returnFlow, env)), attempts: 1 };
    const outcome = await repromptFlow(returnFlow, run, env);
    assert.deepEqual(texts(outcome), ['Qual o motivo?']);
    assert.equal(quickReplies(outcome).length, 3);
    assert.equal(outcome.run, run);
    assert.equal(outcome.status, 'waiting');
  });
});
