import type { Content, QuickReply } from '@fio/contracts';
import type { FlowRun } from '../bot/engine.ts';
import type { FlowStepOf } from './flow-definition.ts';
import type { FlowEnv } from './flow-env.ts';
import { listStepChoices, showChoice } from './list-step-choices.ts';

const maxLabelLength = 256;

/**
 * The question a waiting step asks, with its options as quick replies (`choice:VALUE`); `text`
 * replaces the prompt (a reprompt), `lead` goes before it. Channels without buttons get the options
 * as a numbered list from the engine, and "2" still picks the second.
 */
export function promptReply(
  step: FlowStepOf<'ask'> | FlowStepOf<'choose'>,
  run: FlowRun,
  env: FlowEnv,
  options: { text?: string; lead?: string } = {},
): Content {
  const text = options.text ?? env.say(step.prompt, run.slots);
  const quickReplies: QuickReply[] = listStepChoices(step, run).map((choice) => ({
    id: `choice:${choice.value}`,
    label: truncate(showChoice(choice, env, run.slots) || choice.value),
  }));
  return {
    kind: 'text',
    text: options.lead ? `${options.lead} ${text}` : text,
    ...(quickReplies.length > 0 ? { quickReplies } : {}),
  };
}

function truncate(label: string): string {
  return label.length <= maxLabelLength ? label : `${label.slice(0, maxLabelLength - 1)}…`;
}
