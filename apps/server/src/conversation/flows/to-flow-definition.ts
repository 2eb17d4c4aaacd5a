import { computeFlowVersion } from './compute-flow-version.ts';
import type { FlowCondition, FlowDefinition, FlowStep } from './flow-definition.ts';
import type { FileCondition, FileStep, FlowFile } from './flow-file.schema.ts';

/**
 * A validated file as the definition the engine runs: each step gets its `kind`, every implicit
 * `next` becomes the following step's id (or null after the last), and the version is computed
 * from the result, so formatting and key order never change it.
 */
export function toFlowDefinition(file: FlowFile, source: { file: string }): FlowDefinition {
  const steps = file.steps.map((step, index) => toFlowStep(step, file.steps[index + 1]?.id ?? null));
  const trigger = {
    intents: file.trigger.intents,
    keywords: file.trigger.keywords,
    events: file.trigger.events,
    segments: file.trigger.segments,
  };
  // Only a lead flow carries the key, so the versions of every other flow stay what they were.
  const lead = file.lead === true ? { slots: null } : typeof file.lead === 'object' ? { slots: file.lead.slots } : null;
  const version = computeFlowVersion({ id: file.id, name: file.name, trigger, steps, ...(lead ? { lead } : {}) });
  return { id: file.id, name: file.name, version, trigger, steps, source, ...(lead ? { lead } : {}) };
}

function toFlowStep(step: FileStep, following: string | null): FlowStep {
  if ('say' in step) return { kind: 'say', id: step.id, text: step.say, next: step.next ?? following };
  if ('ask' in step) {
    const { ask } = step;
    const types = [ask.type, ...(ask.accept ?? []).filter((type) => type !== ask.type)];
    return {
      kind: 'ask',
      id: step.id,
      slot: ask.slot,
      types: [...new Set(types)],
      prompt: ask.prompt,
      ...(ask.reprompt ? { reprompt: ask.reprompt } : {}),
      ...(ask.options ? { options: ask.options } : {}),
      ...(ask.validate ? { rules: ask.validate } : {}),
      maxAttempts: ask.maxAttempts,
      onFail: ask.onFail ?? null,
      next: step.next ?? following,
    };
  }
  if ('choose' in step) {
    const { choose } = step;
    return {
      kind: 'choose',
      id: step.id,
      slot: choose.slot,
      prompt: choose.prompt,
      ...(choose.reprompt ? { reprompt: choose.reprompt } : {}),
      options: (choose.options ?? []).map((option) => ({ value: option.value, label: option.label, next: option.next ?? null })),
      ...(choose.optionsFrom ? { optionsFrom: choose.optionsFrom } : {}),
      maxAttempts: choose.maxAttempts,
      onFail: choose.onFail ?? null,
      next: step.next ?? following,
    };
  }
  if ('branch' in step) {
    const rules = step.branch.map((rule) => (rule.when ? { when: toFlowCondition(rule.when), next: rule.next } : { next: rule.next }));
    return { kind: 'branch', id: step.id, rules, fallthrough: following };
  }
  if ('call' in step) {
    const { call } = step;
    return {
      kind: 'call',
      id: step.id,
      method: call.method,
      url: call.url,
      headers: call.headers,
      ...(call.body !== undefined ? { body: call.body } : {}),
      timeoutMs: call.timeoutMs,
      retries: call.retries,
      map: call.map,
      mapData: call.mapData,
      onError: call.onError ?? null,
      onNotFound: call.onNotFound ?? null,
      next: step.next ?? following,
    };
  }
  if ('set' in step)
    return { kind: 'set', id: step.id, attributes: step.set.attributes, slots: step.set.slots, next: step.next ?? following };
  if ('verify' in step) {
    const { verify } = step;
    return {
      kind: 'verify',
      id: step.id,
      identity: verify.identity,
      value: verify.value,
      ...(verify.via ? { via: verify.via } : {}),
      maxAttempts: verify.maxAttempts,
      onFail: verify.onFail ?? null,
      next: step.next ?? following,
    };
  }
  if ('handoff' in step) return { kind: 'handoff', id: step.id, ...step.handoff };
  return { kind: 'end', id: step.id, ...step.end };
}

function toFlowCondition(condition: FileCondition): FlowCondition {
  if ('all' in condition) return { all: condition.all.map(toFlowCondition) };
  if ('any' in condition) return { any: condition.any.map(toFlowCondition) };
  if ('not' in condition) return { not: toFlowCondition(condition.not) };
  return condition;
}
