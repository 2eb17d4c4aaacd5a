import type { Content } from '@fio/contracts';
import { maskIdentity } from '../../contacts/verification/mask-identity.ts';
import { normalizeIdentity } from '../../contacts/normalize-identity.ts';
import type { BotAction, FlowRun } from '../bot/engine.ts';
import { describeFlowStop } from './describe-flow-stop.ts';
import type { FlowDefinition, FlowStepOf } from './flow-definition.ts';
import type { FlowEnv, FlowInput, FlowOutcome } from './flow-env.ts';
import { renderDataTemplate } from './render-data-template.ts';
import { runFlowSteps } from './run-flow-steps.ts';

type VerifyStep = FlowStepOf<'verify'>;

/** "reenviar", "manda de novo", "resend", "send it again", "otro código": the customer wants another code. */
const resendPattern =
  /\b(reenvi\w*|resend\w*|send (it )?again|manda(r)? de novo|envia(r)? de novo|(novo|outro|new|another|otro|nuevo) codigo|(new|another) code)\b/;

/** The code request a `verify` step makes: the rendered value, where it goes (masked), or why it cannot. */
export function requestVerification(
  step: VerifyStep,
  slots: FlowRun['slots'],
  env: FlowEnv,
): { ok: true; action: Extract<BotAction, { type: 'verify_identity' }>; to: string } | { ok: false; to: string; reason: string } {
  const rendered = renderDataTemplate(step.value, { slots, contact: env.contact }).trim();
  const claim = normalizeIdentity({ kind: step.identity, value: rendered, verified: false });
  if (!claim)
    return { ok: false, to: rendered || '—', reason: `"${rendered}" is not ${step.identity === 'email' ? 'an e-mail' : 'a phone'}` };
  return {
    ok: true,
    to: maskIdentity(step.identity, claim.value),
    action: { type: 'verify_identity', kind: step.identity, value: claim.value, ...(step.via ? { via: step.via } : {}) },
  };
}

/**
 * The customer's answer while a `verify` step waits: the pipeline already checked any code in it
 * (`input.verification`). Verified moves on; a wrong code asks again until `maxAttempts`; an expired
 * code or "reenviar" sends a new one; a code that could not be sent or was guessed too often goes
 * to `onFail` (or a person).
 */
export async function resumeVerifyStep(
  flow: FlowDefinition,
  run: FlowRun,
  step: VerifyStep,
  input: FlowInput,
  env: FlowEnv,
): Promise<FlowOutcome> {
  const request = requestVerification(step, run.slots, env);
  const text = (key: Parameters<FlowEnv['sayBuiltIn']>[0]): Content => ({
    kind: 'text',
    text: env.sayBuiltIn(key, run.slots, { to: request.to }),
  });
  const waiting = (replies: Content[], actions: BotAction[], attempts: number): FlowOutcome => ({
    run: { ...run, attempts },
    replies,
    actions,
    askCsat: false,
    status: 'waiting',
  });
  const resend = (key: 'verifyResent' | 'verifyExpired'): Promise<FlowOutcome> | FlowOutcome =>
    request.ok ? waiting([text(key)], [request.action], 0) : fail(flow, run, step, env, text('verifyNotSent'), request.reason);

  switch (input.verification?.status) {
    case 'verified':
      return runFlowSteps(flow, { ...run, attempts: 0 }, step.next, env);
    case 'wrong_code': {
      const attempts = run.attempts + 1;
      if (attempts >= step.maxAttempts) return fail(flow, run, step, env, text('verifyTooManyAttempts'), `${attempts} wrong codes`);
      return waiting([text('verifyWrongCode')], [], attempts);
    }
    case 'too_many_attempts':
      return fail(flow, run, step, env, text('verifyTooManyAttempts'), 'the code was guessed too often');
    case 'not_sent':
      return fail(flow, run, step, env, text('verifyNotSent'), 'the code could not be sent');
    case 'expired':
      return resend('verifyExpired');
    case undefined:
      if (resendPattern.test(foldText(input.text))) return resend('verifyResent');
      return waiting([text('verifyAskCode')], [], run.attempts);
  }
}

async function fail(
  flow: FlowDefinition,
  run: FlowRun,
  step: VerifyStep,
  env: FlowEnv,
  said: Content,
  reason: string,
): Promise<FlowOutcome> {
  if (step.onFail !== null) {
    const next = await runFlowSteps(flow, { ...run, attempts: 0 }, step.onFail, env);
    return { ...next, replies: [said, ...next.replies] };
  }
  const note = describeFlowStop(env.language, { kind: 'failed', step: step.id, reason });
  return {
    run,
    replies: [said],
    actions: [{ type: 'handoff', reason: 'action_failed', note }],
    askCsat: false,
    status: 'handoff',
  };
}

function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
