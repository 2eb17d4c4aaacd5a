import type { Content } from '@fio/contracts';
import type { BotAction, FlowRun, HandoffReason, SlotValue } from '../bot/engine.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import type { FlowDefinition, FlowScalar, FlowStepOf } from './flow-definition.ts';
import type { FlowEnv, FlowOutcome } from './flow-env.ts';
import { renderDataTemplate, resolveDataVariable } from './render-data-template.ts';
import { runCallStep } from './run-call-step.ts';
import { promptReply } from './prompt-reply.ts';
import { describeFlowStop } from './describe-flow-stop.ts';
import { requestVerification } from './run-verify-step.ts';

/** More steps than this in one turn is a loop the loader could not prove: the customer gets a person. */
export const maxStepsPerTurn = 50;

/**
 * Runs a flow from step `from` until a step waits for the customer (ask, choose), the flow ends
 * (an `end` step, or past the last step) or hands off. Pure apart from `env.http`.
 */
export async function runFlowSteps(flow: FlowDefinition, run: FlowRun, from: string | null, env: FlowEnv): Promise<FlowOutcome> {
  const replies: Content[] = [];
  const actions: BotAction[] = [];
  let slots: Record<string, SlotValue> = { ...run.slots };
  let data: Record<string, unknown> = { ...run.data };
  const at = (stepId: string): FlowRun => ({ ...run, stepId, slots, attempts: 0, ...(Object.keys(data).length > 0 ? { data } : {}) });
  const say = (text: string): void => {
    if (text.trim() !== '') replies.push({ kind: 'text', text });
  };
  const handOff = (stepId: string, reason: HandoffReason, note: string): FlowOutcome => ({
    // The run as it stood: the engine builds the agent's context package from its slots, then drops it.
    run: at(stepId),
    replies,
    actions: [...actions, { type: 'handoff', reason, note }],
    askCsat: false,
    status: 'handoff',
  });

  let current = from;
  let lastStep = run.stepId;
  for (let count = 0; current !== null; count += 1) {
    if (count >= maxStepsPerTurn)
      return handOff(lastStep, 'action_failed', failureNote(env, lastStep, `more than ${maxStepsPerTurn} steps in one turn`));
    const step = flow.steps.find((candidate) => candidate.id === current);
    if (!step) return handOff(lastStep, 'action_failed', failureNote(env, current, 'step not found in this flow version'));
    lastStep = step.id;
    switch (step.kind) {
      case 'say':
        say(env.say(step.text, slots));
        current = step.next;
        break;
      case 'ask':
      case 'choose': {
        const waiting = at(step.id);
        replies.push(promptReply(step, waiting, env));
        return { run: waiting, replies, actions, askCsat: false, status: 'waiting' };
      }
      case 'branch': {
        const scope = { slots, contact: env.contact, isOpen: env.isOpen };
        const rule = step.rules.find((candidate) => candidate.when === undefined || evaluateCondition(candidate.when, scope));
        current = rule ? rule.next : step.fallthrough;
        break;
      }
      case 'call': {
        const result = await runCallStep(step, { slots, data, contact: env.contact }, env.http);
        if (result.ok) {
          ({ slots, data } = result);
          current = step.next;
        } else if (result.notFound && step.onNotFound !== null) current = step.onNotFound;
        else if (step.onError !== null) current = step.onError;
        else return handOff(step.id, 'action_failed', failureNote(env, step.id, result.reason));
        break;
      }
      case 'set': {
        const scope = { slots, contact: env.contact };
        if (Object.keys(step.attributes).length > 0) {
          const attributes = Object.fromEntries(Object.entries(step.attributes).map(([name, value]) => [name, renderScalar(value, scope)]));
          actions.push({ type: 'set_attributes', attributes });
        }
        slots = { ...slots, ...setSlots(step, scope) };
        current = step.next;
        break;
      }
      case 'verify': {
        const request = requestVerification(step, slots, env);
        if (!request.ok) {
          say(env.sayBuiltIn('verifyNotSent', slots, { to: request.to }));
          if (step.onFail !== null) {
            current = step.onFail;
            break;
          }
          return handOff(step.id, 'action_failed', failureNote(env, step.id, request.reason));
        }
        say(env.sayBuiltIn('verifySent', slots, { to: request.to }));
        return { run: at(step.id), replies, actions: [...actions, request.action], askCsat: false, status: 'waiting' };
      }
      case 'handoff': {
        if (step.say) say(env.say(step.say, slots));
        const note = step.note ? env.say(step.note, slots) : undefined;
        const action: BotAction = {
          type: 'handoff',
          reason: 'flow',
          ...(step.team ? { team: step.team } : {}),
          ...(step.priority ? { priority: step.priority } : {}),
          ...(note ? { note } : {}),
        };
        return {
          run: at(step.id),
          replies,
          actions: [...actions, action],
          askCsat: false,
          status: 'handoff',
          ...(step.say ? { ownHandoffText: true } : {}),
        };
      }
      case 'end':
        if (step.say) say(env.say(step.say, slots));
        return complete(flow, slots, replies, actions, step.csat);
    }
  }
  return complete(flow, slots, replies, actions, false);
}

function complete(
  flow: FlowDefinition,
  slots: Record<string, SlotValue>,
  replies: Content[],
  actions: BotAction[],
  askCsat: boolean,
): FlowOutcome {
  return {
    run: null,
    replies,
    actions: [...actions, { type: 'flow_completed', flowId: flow.id, version: flow.version, slots, ...leadOf(flow, slots) }],
    askCsat,
    status: 'ended',
  };
}

/** A lead flow's lead: the slots it names (or all of them), as collected. */
function leadOf(flow: FlowDefinition, slots: Record<string, SlotValue>): { lead?: Record<string, SlotValue> } {
  if (!flow.lead) return {};
  const names = flow.lead.slots ?? Object.keys(slots);
  return { lead: Object.fromEntries(names.flatMap((name) => (Object.hasOwn(slots, name) && slots[name] ? [[name, slots[name]]] : []))) };
}

type DataScope = Parameters<typeof renderDataTemplate>[1];

/** A `set` value: numbers and booleans as written, text rendered; a lone `{{x}}` keeps the value's type. */
function renderScalar(value: FlowScalar, scope: DataScope): string | number | boolean | null {
  if (typeof value !== 'string') return value;
  const lone = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(value);
  if (lone?.[1] !== undefined) {
    const found = resolveDataVariable(lone[1], scope);
    if (found !== undefined) return found;
  }
  return renderDataTemplate(value, scope);
}

function setSlots(step: FlowStepOf<'set'>, scope: DataScope): Record<string, SlotValue> {
  const set: Record<string, SlotValue> = {};
  for (const [name, value] of Object.entries(step.slots)) {
    // `copy: "{{slots.cpf}}"` copies the slot whole, display included.
    const lone = typeof value === 'string' ? /^\{\{\s*slots\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/.exec(value) : null;
    const source = lone?.[1] !== undefined && Object.hasOwn(scope.slots, lone[1]) ? scope.slots[lone[1]] : undefined;
    if (source) {
      set[name] = source;
      continue;
    }
    const rendered = renderScalar(value, scope);
    set[name] = { value: rendered, display: rendered === null ? '' : String(rendered) };
  }
  return set;
}

/** For the agent: where the flow gave up and why, in the conversation's language. */
function failureNote(env: FlowEnv, step: string, reason: string): string {
  return describeFlowStop(env.language, { kind: 'failed', step, reason });
}
