import type { FlowRun } from '../bot/engine.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FlowExpectation } from './flow-env.ts';
import { listStepChoices } from './list-step-choices.ts';

/** What the step a run waits at expects (slot, types, choices, rules), or null when it waits for nothing. */
export function expectationOf(flow: FlowDefinition, run: FlowRun): FlowExpectation | null {
  const step = flow.steps.find((candidate) => candidate.id === run.stepId);
  if (!step || (step.kind !== 'ask' && step.kind !== 'choose')) return null;
  const choices = listStepChoices(step, run).map((choice) => ({ value: choice.value, labels: choice.labels }));
  if (step.kind === 'choose') return { kind: 'choose', slot: step.slot, types: ['choice'], choices };
  return {
    kind: 'ask',
    slot: step.slot,
    types: step.types,
    ...(step.options ? { choices } : {}),
    ...(step.rules ? { rules: step.rules } : {}),
  };
}
