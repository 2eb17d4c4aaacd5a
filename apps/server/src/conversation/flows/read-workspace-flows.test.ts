import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { WorkspaceError } from '../../workspace/workspace-error.ts';
import { readWorkspaceFlows, type ReadWorkspaceFlowsOptions } from './read-workspace-flows.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const options: ReadWorkspaceFlowsOptions = {
  languages: ['pt-BR', 'en'],
  defaultLanguage: 'pt-BR',
  intents: ['order_status', 'cancel_order'],
  env: { STORE_URL: 'https://store.example' },
  templateNames: ['store_hours'],
};

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fio-flows-'));
  dirs.push(dir);
  await mkdir(join(dir, 'flows'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'flows', name), text);
  return dir;
}

async function errorsOf(text: string, overrides: Partial<ReadWorkspaceFlowsOptions> = {}): Promise<WorkspaceError[]> {
  const dir = await workspaceWith({ 'f.yaml': text });
  const read = await readWorkspaceFlows(dir, { ...options, ...overrides });
  assert.equal(read.ok, false, 'expected the flow to be rejected');
  return read.ok ? [] : read.errors;
}

function only(errors: readonly WorkspaceError[]): WorkspaceError {
  assert.equal(errors.length, 1, `expected one error, got: ${JSON.stringify(errors, null, 2)}`);
  const [error] = errors;
  assert.ok(error);
  return error;
}

const orderStatus = `id: order-status
name: Status do pedido
trigger:
  intents: [order_status]
  keywords: { pt-BR: [rastrear, rastreio] }
steps:
  - id: ask_ref
    ask:
      slot: order_ref
      type: order_number
      accept: [order_number, cpf]
      prompt: { pt-BR: "Qual o número do pedido?", en: "Order number?" }
  - id: lookup
    call:
      url: "\${STORE_URL}/api/orders/{{slots.order_ref}}"
      headers: { Authorization: "Bearer \${TOKEN:-demo}" }
      map: { order_status: $.status, eta: $.delivery.eta }
      onNotFound: not_found
  - id: route
    branch:
      - when: { slot: order_status, equals: shipped }
        next: shipped
      - next: done
  - id: shipped
    say: { pt-BR: "Seu pedido {{slots.order_ref}} chega {{slots.eta}}. {{templates.store_hours}}" }
    next: done
  - id: not_found
    say: { pt-BR: "Não achei o pedido {{slots.order_ref}}." }
  - id: done
    end: { say: { pt-BR: "Posso ajudar em algo mais?" }, csat: true }
`;

describe('readWorkspaceFlows', () => {
  it('returns no flows when the workspace has no flows folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fio-flows-'));
    dirs.push(dir);
    assert.deepEqual(await readWorkspaceFlows(dir, options), { ok: true, flows: [], warnings: [] });
  });

  it('reads a flow with env substituted, defaults filled and every next resolved', async () => {
    const dir = await workspaceWith({ 'order-status.yaml': orderStatus, 'README.md': '# not a flow' });
    const read = await readWorkspaceFlows(dir, options);
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(read.warnings, []);
    const [flow] = read.flows;
    assert.ok(flow);
    assert.equal(flow.id, 'order-status');
    assert.match(flow.version, /^[0-9a-f]{12}$/);
    assert.deepEqual(flow.trigger, {
      intents: ['order_status'],
      keywords: { 'pt-BR': ['rastrear', 'rastreio'] },
      events: [],
      segments: [],
    });
    assert.equal(flow.source.file, join(dir, 'flows', 'order-status.yaml'));
    assert.deepEqual(
      flow.steps.map((step) => step.kind),
      ['ask', 'call', 'branch', 'say', 'say', 'end'],
    );
    const [ask, call, branch, , notFound] = flow.steps;
    assert.ok(ask?.kind === 'ask' && call?.kind === 'call' && branch?.kind === 'branch' && notFound?.kind === 'say');
    assert.deepEqual(ask.types, ['order_number', 'cpf']);
    assert.equal(ask.maxAttempts, 3);
    assert.equal(ask.next, 'lookup');
    assert.equal(call.url, 'https://store.example/api/orders/{{slots.order_ref}}');
    assert.deepEqual(call.headers, { Authorization: 'Bearer demo' });
    assert.equal(call.method, 'GET');
    assert.equal(call.timeoutMs, 5000);
    assert.equal(call.retries, 0);
    assert.equal(call.onError, null);
    assert.equal(call.next, 'route');
    assert.equal(notFound.next, 'done', 'a step without next goes to the following one');
    assert.deepEqual(JSON.parse(JSON.stringify(flow)), flow, 'definitions are plain JSON');
  });

  it('gives the same version to two loads of the same content and a new one when it changes', async () => {
    const first = await readWorkspaceFlows(await workspaceWith({ 'order-status.yaml': orderStatus }), options);
    const reformatted = orderStatus.replace('name: Status do pedido', 'name:    "Status do pedido"  # same');
    const second = await readWorkspaceFlows(await workspaceWith({ 'order-status.yaml': reformatted }), options);
    const changed = await readWorkspaceFlows(
      await workspaceWith({ 'order-status.yaml': orderStatus.replace('Posso ajudar', 'Mais algo') }),
      options,
    );
    assert.ok(first.ok && second.ok && changed.ok);
    assert.equal(first.flows[0]?.version, second.flows[0]?.version);
    assert.notEqual(first.flows[0]?.version, changed.flows[0]?.version);
  });

  it('reports a YAML syntax error with its line', async () => {
    const error = only(await errorsOf('id: x\nname: [unclosed\n'));
    assert.match(error.message, /YAML syntax error/);
    assert.ok(error.line >= 2);
  });

  it('reports an unknown key, an unknown slot type and a missing field with line and field', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask: { slot: x, type: colour, prompt: { pt-BR: Cor? } }
  - id: b
    say: { pt-BR: oi }
    nxt: a
  - id: c
    ask: { type: text, prompt: { pt-BR: Nome? } }
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [5, 'steps[0].ask.type'],
        [8, 'steps[1].nxt'],
        [10, 'steps[2].ask.slot'],
      ],
    );
    assert.match(errors[0]?.message ?? '', /unknown slot type "colour"/);
    assert.match(errors[1]?.message ?? '', /unknown key "nxt"/);
    assert.match(errors[2]?.message ?? '', /missing required field/);
  });

  it('rejects a step that does two things or nothing', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    say: { pt-BR: oi }
    end: {}
  - id: b
`);
    assert.equal(errors.length, 2);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [4, 'steps[0]'],
        [7, 'steps[1]'],
      ],
    );
    assert.match(errors[0]?.message ?? '', /split it into 2 steps/);
    assert.match(errors[1]?.message ?? '', /one of say, ask/);
  });

  it('rejects next on a branch, handoff or end step', async () => {
    const error = only(await errorsOf(`id: f\nname: F\nsteps:\n  - id: a\n    end: {}\n    next: a\n`));
    assert.deepEqual([error.line, error.field], [6, 'steps[0].next']);
    assert.match(error.message, /has no next/);
  });

  it('reports duplicate step ids', async () => {
    const error = only(await errorsOf(`id: f\nname: F\nsteps:\n  - id: a\n    say: { pt-BR: oi }\n  - id: a\n    end: {}\n`));
    assert.deepEqual([error.line, error.column, error.field], [6, 9, 'steps[1].id']);
    assert.match(error.message, /duplicate step id "a"/);
  });

  it('reports every reference to an unknown step', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask: { slot: x, type: text, prompt: { pt-BR: X? }, onFail: nowhere1 }
    next: nowhere2
  - id: b
    choose:
      slot: y
      prompt: { pt-BR: Y? }
      options:
        - { value: one, label: { pt-BR: Um }, next: nowhere3 }
  - id: c
    call: { url: "https://x.example/", onError: nowhere4, onNotFound: nowhere5 }
  - id: d
    branch:
      - next: nowhere6
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message.slice(0, 25)]),
      [
        [5, 'steps[0].ask.onFail', 'unknown step "nowhere1"; '],
        [6, 'steps[0].next', 'unknown step "nowhere2"; '],
        [12, 'steps[1].choose.options[0].next', 'unknown step "nowhere3"; '],
        [14, 'steps[2].call.onError', 'unknown step "nowhere4"; '],
        [14, 'steps[2].call.onNotFound', 'unknown step "nowhere5"; '],
        [17, 'steps[3].branch[0].next', 'unknown step "nowhere6"; '],
      ],
    );
  });

  it('reports a slot used in a template before any step could fill it', async () => {
    const error = only(
      await errorsOf(`id: f
name: F
steps:
  - id: hello
    say: { pt-BR: "Oi {{contact.first_name}}, seu pedido {{slots.order_ref}}" }
  - id: ask
    ask: { slot: order_ref, type: order_number, prompt: { pt-BR: Número? } }
  - id: done
    end: { say: { pt-BR: "Ok {{slots.order_ref.value}}" } }
`),
    );
    assert.deepEqual([error.line, error.field], [5, 'steps[0].say.pt-BR']);
    assert.match(error.message, /unknown slot "order_ref" in \{\{slots.order_ref\}\}/);
  });

  it('accepts slots filled on one path only, but not slots a call fills only on success when used on its error path', async () => {
    const error = only(
      await errorsOf(`id: f
name: F
steps:
  - id: lookup
    call: { url: "https://x.example/", map: { status: $.status }, onError: failed }
  - id: ok
    say: { pt-BR: "Status {{slots.status}}" }
    next: done
  - id: failed
    say: { pt-BR: "Falhou: {{slots.status}}" }
  - id: done
    end: {}
`),
    );
    assert.deepEqual([error.line, error.field], [10, 'steps[2].say.pt-BR']);
  });

  it('reports unknown templates, unknown variables, call variables and branch slots', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    say: { pt-BR: "{{templates.nope}} {{business.name}} {{contact.nickname}}" }
  - id: b
    call: { url: "https://x.example/{{slots.ghost}}", headers: { X-Id: "{{business.name}}" } }
  - id: c
    branch:
      - when: { all: [{ segment: vip }, { slot: ghost2, exists: true }] }
        next: d
  - id: d
    end: {}
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [5, 'steps[0].say.pt-BR'],
        [5, 'steps[0].say.pt-BR'],
        [7, 'steps[1].call.url'],
        [7, 'steps[1].call.headers.X-Id'],
        [10, 'steps[2].branch[0].when.all[1].slot'],
      ],
    );
    assert.match(errors[0]?.message ?? '', /unknown template \{\{templates.nope\}\}/);
    assert.match(errors[1]?.message ?? '', /unknown variable \{\{contact.nickname\}\}/);
    assert.match(errors[2]?.message ?? '', /unknown slot "ghost"/);
    assert.match(errors[3]?.message ?? '', /unknown variable \{\{business.name\}\}/);
    assert.match(errors[4]?.message ?? '', /unknown slot "ghost2" in a branch condition/);
  });

  it('reports trigger intents the workspace does not define', async () => {
    const error = only(await errorsOf(`id: f\nname: F\ntrigger:\n  intents: [order_status, refund]\nsteps:\n  - id: a\n    end: {}\n`));
    assert.deepEqual([error.line, error.field], [4, 'trigger.intents[1]']);
    assert.match(error.message, /unknown intent "refund"/);
  });

  it('reports texts missing the default language and languages the workspace does not use', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask:
      slot: x
      type: text
      prompt: { en: Name? }
      reprompt: { pt-BR: Nome?, es: ¿Nombre? }
  - id: b
    end: {}
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message]),
      [
        [8, 'steps[0].ask.prompt', 'missing text for the default language pt-BR'],
        [9, 'steps[0].ask.reprompt.es', "language es is not in the workspace's languages"],
      ],
    );
  });

  it('reports a choice ask without options and options on a non-choice ask', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask: { slot: x, type: choice, prompt: { pt-BR: Qual? } }
  - id: b
    ask:
      slot: y
      type: text
      prompt: { pt-BR: Nome? }
      options: [{ value: a, label: { pt-BR: A } }]
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [5, 'steps[0].ask'],
        [11, 'steps[1].ask.options'],
      ],
    );
    assert.match(errors[0]?.message ?? '', /choice ask needs options/);
  });

  it('reports a choose with neither options nor optionsFrom, and optionsFrom data no call keeps', async () => {
    const missing = only(await errorsOf(`id: f\nname: F\nsteps:\n  - id: a\n    choose: { slot: x, prompt: { pt-BR: Qual? } }\n`));
    assert.deepEqual([missing.line, missing.field], [5, 'steps[0].choose']);
    const unknownData = only(
      await errorsOf(
        `id: f\nname: F\nsteps:\n  - id: a\n    choose: { slot: x, prompt: { pt-BR: Qual? }, optionsFrom: { data: free_slots } }\n`,
      ),
    );
    assert.deepEqual([unknownData.line, unknownData.field], [5, 'steps[0].choose.optionsFrom.data']);
    assert.match(unknownData.message, /no earlier call keeps it with mapData/);
  });

  it('reports invalid regular expressions in matches and validate.pattern', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask: { slot: x, type: text, prompt: { pt-BR: X? }, validate: { pattern: "(" } }
  - id: b
    branch:
      - when: { not: { slot: x, matches: "[a-" } }
        next: c
  - id: c
    end: {}
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field, e.message]),
      [
        [5, 'steps[0].ask.validate.pattern', 'must be a valid regular expression'],
        [8, 'steps[1].branch[0].when.not.matches', 'must be a valid regular expression'],
      ],
    );
  });

  it('reports a condition with two operators or an unknown shape', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: a
    ask: { slot: x, type: number, prompt: { pt-BR: X? } }
  - id: b
    branch:
      - when: { slot: x, gt: 1, lt: 5 }
        next: c
      - when: { colour: blue }
        next: c
  - id: c
    end: {}
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [
        [8, 'steps[1].branch[0].when'],
        [10, 'steps[1].branch[1].when'],
      ],
    );
    assert.match(errors[0]?.message ?? '', /exactly one of equals/);
    assert.match(errors[1]?.message ?? '', /needs one of slot, attribute/);
  });

  it('reports a branch rule after the else', async () => {
    const error = only(
      await errorsOf(`id: f
name: F
steps:
  - id: a
    branch:
      - next: b
      - when: { businessHours: open }
        next: b
  - id: b
    end: {}
`),
    );
    assert.deepEqual([error.line, error.field], [7, 'steps[0].branch[1]']);
  });

  it('allows a branch without else: it falls through to the next step', async () => {
    const dir = await workspaceWith({
      'f.yaml': `id: f\nname: F\nsteps:\n  - id: a\n    branch:\n      - when: { segment: vip }\n        next: c\n  - id: b\n    say: { pt-BR: comum }\n  - id: c\n    end: {}\n`,
    });
    const read = await readWorkspaceFlows(dir, options);
    assert.ok(read.ok, JSON.stringify(read));
    const branch = read.flows[0]?.steps[0];
    assert.ok(branch?.kind === 'branch');
    assert.equal(branch.fallthrough, 'b');
  });

  it('reports a call URL that is not http(s) after env substitution, and a missing env variable', async () => {
    const notHttp = only(
      await errorsOf(`id: f\nname: F\nsteps:\n  - id: a\n    call: { url: "\${STORE_URL}/x" }\n`, { env: { STORE_URL: 'file:///etc' } }),
    );
    assert.deepEqual([notHttp.line, notHttp.field], [5, 'steps[0].call.url']);
    assert.match(notHttp.message, /only http and https/);
    const noEnv = only(await errorsOf(`id: f\nname: F\nsteps:\n  - id: a\n    call: { url: "\${STORE_URL}/x" }\n`, { env: {} }));
    assert.match(noEnv.message, /STORE_URL is not set/);
  });

  it('reports a loop that never waits for the customer', async () => {
    const error = only(
      await errorsOf(`id: f
name: F
steps:
  - id: a
    say: { pt-BR: um }
  - id: b
    branch:
      - when: { segment: vip }
        next: a
      - next: c
  - id: c
    say: { pt-BR: dois }
    next: a
`),
    );
    assert.deepEqual([error.line, error.field], [4, 'steps[0].id']);
    assert.match(error.message, /steps a → b → c → a loop without waiting/);
  });

  it('accepts a loop that waits for the customer', async () => {
    const dir = await workspaceWith({
      'f.yaml': `id: f
name: F
steps:
  - id: ask
    ask: { slot: ok, type: yes_no, prompt: { pt-BR: Tudo certo? } }
  - id: check
    branch:
      - when: { slot: ok, equals: false }
        next: ask
  - id: done
    end: {}
`,
    });
    assert.ok((await readWorkspaceFlows(dir, options)).ok);
  });

  it('warns about unreachable steps and a file named differently from its flow, without failing', async () => {
    const dir = await workspaceWith({
      'other.yaml': `id: f\nname: F\nsteps:\n  - id: a\n    end: {}\n  - id: orphan\n    say: { pt-BR: nunca }\n`,
    });
    const read = await readWorkspaceFlows(dir, options);
    assert.ok(read.ok);
    assert.deepEqual(
      read.warnings.map((w) => [w.line, w.field]),
      [
        [6, 'steps[1].id'],
        [1, 'id'],
      ],
    );
    assert.match(read.warnings[0]?.message ?? '', /never reached/);
    assert.match(read.warnings[1]?.message ?? '', /name it f.yaml/);
  });

  it('reports the same flow id in two files', async () => {
    const flow = `id: same\nname: F\nsteps:\n  - id: a\n    end: {}\n`;
    const read = await readWorkspaceFlows(await workspaceWith({ 'a.yaml': flow, 'b.yaml': flow }), options);
    assert.ok(!read.ok);
    const error = only(read.errors);
    assert.match(error.file, /b\.yaml$/);
    assert.match(error.message, /duplicate flow id "same" \(also in .*a\.yaml\)/);
  });

  it('refuses a set of an attribute the workspace does not declare, once it declares contact fields', async () => {
    const flow = `id: f\nname: F\nsteps:\n  - id: a\n    set: { attributes: { city: Recife, shoe_size: 42 } }\n  - id: b\n    end: {}\n`;
    const error = only(await errorsOf(flow, { contactFieldKeys: ['city'] }));
    assert.deepEqual([error.line, error.field], [5, 'steps[0].set.attributes.shoe_size']);
    assert.match(error.message, /no contact field "shoe_size"/);
    const dir = await workspaceWith({ 'f.yaml': flow });
    assert.ok((await readWorkspaceFlows(dir, options)).ok, 'a workspace without declared fields takes any attribute');
  });
});
