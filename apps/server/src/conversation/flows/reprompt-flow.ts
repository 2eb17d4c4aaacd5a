import type { FlowRun } from '../bot/engine.ts';
import type { FlowDefinition } from './flow-definition.ts';
import type { FlowEnv, FlowOutcome } from './flow-env.ts';
import { promptReply } from './prompt-reply.ts';
import { runFlowSteps } from './run-flow-steps.ts';
import { requestVerification } from './run-verify-step.ts';

/**
 * Asks the waiting step's question again, options included, without counting an attempt: for
 * coming back to a flow after a digression. A run that waits at nothing carries on from its step.
 */
export async function repromptFlow(flow: FlowDefinition, run: FlowRun, env: FlowEnv): Promise<FlowOutcome> {
  const step = flow.steps.find((candidate) => candidate.id === run.stepId);
  if (step?.kind === 'verify') {
    // The code already went out: ask for it again, do not send another.
    const text = env.sayBuiltIn('verifyAskCode', run.slots, { to: requestVerification(step, run.slots, env).to });
    return { run, replies: [{ kind: 'text', text }], actions: [], askCsat: false, status: 'waiting' };
  }
  if (!step || (step.kind !== 'ask' && step.kind !== 'choose')) return runFlowSteps(flow, run, run.stepId, env);
  return { run, replies: [promptReply(step, run, env)], actions: [], askCsat: false, status: 'waiting' };
}
