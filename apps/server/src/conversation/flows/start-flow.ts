import type { FlowDefinition } from './flow-definition.ts';
import type { FlowEnv, FlowOutcome } from './flow-env.ts';
import { runFlowSteps } from './run-flow-steps.ts';

/** Starts a flow at its first step and runs until it waits for the customer, ends or hands off. */
export async function startFlow(flow: FlowDefinition, env: FlowEnv): Promise<FlowOutcome> {
  const first = flow.steps[0]?.id ?? null;
  const run = { flowId: flow.id, version: flow.version, stepId: first ?? '', slots: {}, attempts: 0, startedAt: env.now.toISOString() };
  return runFlowSteps(flow, run, first, env);
}
