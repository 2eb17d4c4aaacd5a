// Flows: reads and checks `flows/*.yaml` (errors with file, line, column and field) and runs them:
// a flow run asks for slots, branches, calls HTTP actions and hands off, one customer turn at a time.
// Pure apart from the HTTP runner the engine passes in: no storage, no channel, no clock of its own.
export type { FlowCondition, FlowDefinition, FlowOption, FlowStep, FlowStepOf, FlowTrigger } from './flow-definition.ts';
export type { FlowEnv, FlowExpectation, FlowInput, FlowOutcome } from './flow-env.ts';
export { readWorkspaceFlows, type ReadWorkspaceFlowsOptions, type ReadWorkspaceFlowsResult } from './read-workspace-flows.ts';
export { findTriggeredFlow, type TriggerInput } from './find-triggered-flow.ts';
export { expectationOf } from './expectation-of.ts';
export { startFlow } from './start-flow.ts';
export { resumeFlow } from './resume-flow.ts';
export { repromptFlow } from './reprompt-flow.ts';
export { evaluateCondition, type ConditionScope } from './evaluate-condition.ts';
export { computeFlowVersion } from './compute-flow-version.ts';
export { maxStepsPerTurn } from './run-flow-steps.ts';
