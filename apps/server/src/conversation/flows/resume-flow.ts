import type { FlowRun } from '../bot/engine.ts';
import { parseSlotValue, type SlotParse } from '../nlu/entities/index.ts';
import { describeFlowStop } from './describe-flow-stop.ts';
import type { FlowDefinition, FlowStepOf } from './flow-definition.ts';
import type { FlowEnv, FlowInput, FlowOutcome } from './flow-env.ts';
import { choiceSlotValue, listStepChoices, showChoice, type StepChoice } from './list-step-choices.ts';
import { promptReply } from './prompt-reply.ts';
import { runFlowSteps } from './run-flow-steps.ts';
import { resumeVerifyStep } from './run-verify-step.ts';

/**
 * Takes the customer's answer to the waiting step. A filled slot moves the flow on; anything else
 * is reported (`slotRejected`, so the engine can treat it as a digression), reprompted and
 * counted, and at `maxAttempts` goes to `onFail` or hands off (`slot_attempts`).
 */
export async function resumeFlow(flow: FlowDefinition, run: FlowRun, input: FlowInput, env: FlowEnv): Promise<FlowOutcome> {
  const step = flow.steps.find((candidate) => candidate.id === run.stepId);
  if (step?.kind === 'verify') return resumeVerifyStep(flow, run, step, input, env);
  // A run that waits at nothing (its step vanished) carries on; runFlowSteps hands off on a missing step.
  if (!step || (step.kind !== 'ask' && step.kind !== 'choose')) return runFlowSteps(flow, run, run.stepId, env);

  const choices = listStepChoices(step, run);
  const parse = parseAnswer(step, choices, input, run, env);
  if (parse.ok) {
    const slots = { ...run.slots, [step.slot]: parse.value };
    const picked = step.kind === 'choose' ? choices.find((choice) => choice.value === String(parse.value.value)) : undefined;
    return runFlowSteps(flow, { ...run, slots, attempts: 0 }, picked?.next ?? step.next, env);
  }

  const attempts = run.attempts + 1;
  if (attempts >= step.maxAttempts) {
    if (step.onFail !== null) return { ...(await runFlowSteps(flow, { ...run, attempts: 0 }, step.onFail, env)), slotRejected: parse };
    const note = describeFlowStop(env.language, { kind: 'attempts', step: step.id, slot: step.slot, attempts });
    return {
      run: { ...run, attempts },
      replies: [],
      actions: [{ type: 'handoff', reason: 'slot_attempts', note }],
      askCsat: false,
      status: 'handoff',
      slotRejected: parse,
    };
  }
  const waiting = { ...run, attempts };
  return {
    run: waiting,
    replies: [promptReply(step, waiting, env, { text: repromptText(step, waiting, parse, env) })],
    actions: [],
    askCsat: false,
    status: 'waiting',
    slotRejected: parse,
  };
}

function parseAnswer(
  step: FlowStepOf<'ask'> | FlowStepOf<'choose'>,
  choices: readonly StepChoice[],
  input: FlowInput,
  run: FlowRun,
  env: FlowEnv,
): SlotParse {
  const payload = input.payload?.startsWith('choice:') ? input.payload.slice('choice:'.length) : null;
  const picked = payload === null ? undefined : choices.find((choice) => choice.value === payload);
  if (picked) {
    const display = showChoice(picked, env, run.slots) || picked.value;
    return { ok: true, value: choiceSlotValue(picked, display), type: step.kind === 'choose' ? 'choice' : (step.types[0] ?? 'choice') };
  }
  const types = step.kind === 'choose' ? (['choice'] as const) : step.types;
  const rules = step.kind === 'ask' && step.rules ? { rules: step.rules } : {};
  const slotChoices =
    choices.length > 0 && types.includes('choice') ? { choices: choices.map(({ value, labels }) => ({ value, labels })) } : {};
  let parse: SlotParse;
  try {
    parse = parseSlotValue(types, input.text, { ...env.entityContext, ...slotChoices, ...rules });
  } catch {
    // The parser promises not to throw; if it ever does, the customer gets a reprompt, not a crash.
    return { ok: false, reason: 'not_found' };
  }
  // A pick typed in another language ("Other") is shown in the conversation's ("Outro motivo").
  const chosen = parse.ok && parse.type === 'choice' ? choices.find((choice) => choice.value === String(parse.value.value)) : undefined;
  if (parse.ok && chosen)
    return { ...parse, value: { ...parse.value, display: showChoice(chosen, env, run.slots) || parse.value.display } };
  return parse;
}

/** The step's own reprompt, or a built-in one: "not recognised" repeats the question, "invalid" says so. */
function repromptText(
  step: FlowStepOf<'ask'> | FlowStepOf<'choose'>,
  run: FlowRun,
  parse: SlotParse & { ok: false },
  env: FlowEnv,
): string {
  if (step.reprompt) return env.say(step.reprompt, run.slots);
  const prompt = env.say(step.prompt, run.slots);
  const notUnderstood = parse.reason === 'empty' || parse.reason === 'not_found' || parse.reason === 'ambiguous';
  const builtIn = env.sayBuiltIn(notUnderstood ? 'reprompt' : 'slotInvalid', run.slots);
  if (!notUnderstood || builtIn.includes(prompt)) return builtIn;
  return `${builtIn} ${prompt}`.trim();
}
