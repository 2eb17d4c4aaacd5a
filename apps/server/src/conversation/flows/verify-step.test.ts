import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Content } from '@fio/contracts';
import { parseYamlText } from '../../workspace/parse-yaml-file.ts';
import type { LocalizedText } from '../../workspace/workspace.schema.ts';
import type { FlowRun, SlotValue, VerificationOutcome } from '../bot/engine.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FlowEnv, FlowOutcome } from './flow-env.ts';
import { flowFileSchema } from './flow-file.schema.ts';
import { readWorkspaceFlows } from './read-workspace-flows.ts';
import { repromptFlow } from './reprompt-flow.ts';
import { resumeFlow } from './resume-flow.ts';
import { startFlow } from './start-flow.ts';
import { toFlowDefinition } from './to-flow-definition.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const identify = `id: identify
name: Vincular
steps:
  - id: ask_email
    ask: { slot: email, type: email, prompt: { pt-BR: "Qual o e-mail?" } }
  - id: check
    verify: { identity: email, value: '{{slots.email}}', maxAttempts: 2, onFail: give_up }
  - id: done
    end: { say: { pt-BR: "Confirmado!" } }
  - id: give_up
    end: { say: { pt-BR: "Não deu." } }
`;

function buildFlow(yaml: string): FlowDefinition {
  const parsed = parseYamlText('test.yaml', yaml, { env: {} });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const file = flowFileSchema.safeParse(parsed.parsed.value);
  assert.ok(file.success, JSON.stringify(file.error?.issues));
  return toFlowDefinition(file.data, { file: 'test.yaml' });
}

function buildEnv(): FlowEnv {
  const now = new Date('2026-11-24T17:00:00Z');
  const env: FlowEnv = {
    language: 'pt-BR',
    now,
    timezone: 'America/Sao_Paulo',
    contact: { id: 'c1', displayName: 'Ana Souza', locale: 'pt-BR', segments: [] },
    isOpen: true,
    say: (text: LocalizedText, slots: Record<string, SlotValue>) =>
      (text[env.language] ?? '').replace(/\{\{\s*slots\.(\w+)\s*\}\}/g, (_, name: string) => slots[name]?.display ?? ''),
    sayBuiltIn: (key, _slots, extra) => `[${key}${extra?.['to'] ? ` ${extra['to']}` : ''}]`,
    entityContext: { language: 'pt-BR', timezone: 'America/Sao_Paulo', now, orderNumberPattern: '#?\\d{4,10}' },
    http: { run: async () => ({ ok: false, code: 'network', message: 'no server' }) },
    workspaceId: 'demo',
  };
  return env;
}

const texts = (outcome: FlowOutcome): string[] => outcome.replies.map((r: Content) => (r.kind === 'text' ? r.text : `<${r.kind}>`));

async function waitingForCode(): Promise<{ flow: FlowDefinition; run: FlowRun; env: FlowEnv; sent: FlowOutcome }> {
  const flow = buildFlow(identify);
  const env = buildEnv();
  const started = await startFlow(flow, env);
  assert.ok(started.run);
  const sent = await resumeFlow(flow, started.run, { text: 'Ana@Gmail.com' }, env);
  assert.equal(sent.status, 'waiting');
  assert.ok(sent.run);
  return { flow, run: sent.run, env, sent };
}

const verification = (status: VerificationOutcome['status']): VerificationOutcome => ({ status, kind: 'email', value: 'ana@gmail.com' });

describe('the verify step', () => {
  it('asks for a code to be sent to the rendered, normalised value and says where it went, masked', async () => {
    const { run, sent } = await waitingForCode();
    assert.equal(run.stepId, 'check');
    assert.deepEqual(sent.actions, [{ type: 'verify_identity', kind: 'email', value: 'ana@gmail.com' }]);
    assert.deepEqual(texts(sent), ['[verifySent a***@gmail.com]']);
  });

  it('moves on once the pipeline says the code is verified', async () => {
    const { flow, run, env } = await waitingForCode();
    const done = await resumeFlow(flow, run, { text: '123456', verification: verification('verified') }, env);
    assert.equal(done.status, 'ended');
    assert.deepEqual(texts(done), ['Confirmado!']);
  });

  it('asks again after a wrong code, and goes to onFail at maxAttempts', async () => {
    const { flow, run, env } = await waitingForCode();
    const again = await resumeFlow(flow, run, { text: '000000', verification: verification('wrong_code') }, env);
    assert.equal(again.status, 'waiting');
    assert.deepEqual(texts(again), ['[verifyWrongCode a***@gmail.com]']);
    assert.ok(again.run);
    const failed = await resumeFlow(flow, again.run, { text: '111111', verification: verification('wrong_code') }, env);
    assert.equal(failed.status, 'ended');
    assert.deepEqual(texts(failed), ['[verifyTooManyAttempts a***@gmail.com]', 'Não deu.']);
  });

  it('sends a new code when the customer asks or the code expired, and never on a plain reprompt', async () => {
    const { flow, run, env } = await waitingForCode();
    const resent = await resumeFlow(flow, run, { text: 'Pode reenviar?' }, env);
    assert.deepEqual(resent.actions, [{ type: 'verify_identity', kind: 'email', value: 'ana@gmail.com' }]);
    assert.deepEqual(texts(resent), ['[verifyResent a***@gmail.com]']);
    const expired = await resumeFlow(flow, run, { text: '123456', verification: verification('expired') }, env);
    assert.equal(expired.actions.length, 1);
    assert.deepEqual(texts(expired), ['[verifyExpired a***@gmail.com]']);
    const asked = await resumeFlow(flow, run, { text: 'não chegou nada ainda' }, env);
    assert.deepEqual(asked.actions, []);
    assert.deepEqual(texts(asked), ['[verifyAskCode a***@gmail.com]']);
    const back = await repromptFlow(flow, run, env);
    assert.deepEqual(back.actions, [], 'coming back from a digression does not send another code');
  });

  it('goes to onFail when the code was not sent or was guessed too often', async () => {
    const { flow, run, env } = await waitingForCode();
    for (const status of ['not_sent', 'too_many_attempts'] as const) {
      const failed = await resumeFlow(flow, run, { text: '123456', verification: verification(status) }, env);
      assert.equal(failed.status, 'ended');
      assert.equal(texts(failed).at(-1), 'Não deu.');
    }
  });

  it('hands off when a value that is no e-mail reaches a verify step without onFail', async () => {
    const flow = buildFlow(`id: v
name: V
steps:
  - id: set_it
    set: { slots: { email: 'not-an-email' } }
  - id: check
    verify: { identity: email, value: '{{slots.email}}' }
`);
    const outcome = await startFlow(flow, buildEnv());
    assert.equal(outcome.status, 'handoff');
    assert.ok(outcome.actions.some((a) => a.type === 'handoff' && a.reason === 'action_failed'));
    assert.ok(!outcome.actions.some((a) => a.type === 'verify_identity'));
  });

  it('puts the lead slots on flow_completed in a lead flow', async () => {
    const flow = buildFlow(`id: quote
name: Q
lead: { slots: [product] }
steps:
  - id: ask_product
    ask: { slot: product, type: text, prompt: { pt-BR: "Qual?" } }
  - id: ask_notes
    ask: { slot: notes, type: text, prompt: { pt-BR: "Obs?" } }
`);
    const env = buildEnv();
    const started = await startFlow(flow, env);
    assert.ok(started.run);
    const second = await resumeFlow(flow, started.run, { text: 'mesa' }, env);
    assert.ok(second.run);
    const done = await resumeFlow(flow, second.run, { text: 'urgente' }, env);
    const completed = done.actions.find((a) => a.type === 'flow_completed');
    assert.ok(completed?.type === 'flow_completed');
    assert.deepEqual(Object.keys(completed.lead ?? {}), ['product']);
  });
});

describe('checking verify steps and lead flows', () => {
  async function errorsOf(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'fio-verify-'));
    dirs.push(dir);
    await mkdir(join(dir, 'flows'));
    await writeFile(join(dir, 'flows', 'f.yaml'), text);
    const read = await readWorkspaceFlows(dir, { languages: ['pt-BR'], defaultLanguage: 'pt-BR', intents: [], env: {}, templateNames: [] });
    assert.equal(read.ok, false, 'expected the flow to be rejected');
    return read.ok ? [] : read.errors;
  }

  it('names line and field of a bad identity, a channel that cannot carry the code, an unknown step and slot', async () => {
    const errors = await errorsOf(`id: f
name: F
steps:
  - id: check
    verify: { identity: fax, value: '{{slots.email}}' }
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [[5, 'steps[0].verify.identity']],
    );
    const more = await errorsOf(`id: f
name: F
steps:
  - id: check
    verify:
      identity: email
      value: '{{slots.email}}'
      via: sms
      onFail: nowhere
`);
    assert.deepEqual(more.map((e) => [e.line, e.field]).sort(), [
      [8, 'steps[0].verify.via'],
      [9, 'steps[0].verify.onFail'],
    ]);
    const slot = await errorsOf(`id: f
name: F
steps:
  - id: check
    verify: { identity: phone, value: '{{slots.phone}}' }
`);
    assert.deepEqual(
      slot.map((e) => [e.line, e.field]),
      [[5, 'steps[0].verify.value']],
    );
    assert.match(slot[0]?.message ?? '', /unknown slot "phone"/);
  });

  it('refuses a lead slot no step fills', async () => {
    const errors = await errorsOf(`id: f
name: F
lead: { slots: [budget] }
steps:
  - id: ask_product
    ask: { slot: product, type: text, prompt: { pt-BR: "Qual?" } }
`);
    assert.deepEqual(
      errors.map((e) => [e.line, e.field]),
      [[3, 'lead.slots[0]']],
    );
  });
});
