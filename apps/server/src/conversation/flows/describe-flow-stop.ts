import type { Language } from '../../workspace/workspace.schema.ts';

/** Why a flow stopped and gave the conversation to a person. */
export type FlowStop =
  { kind: 'failed'; step: string; reason: string } | { kind: 'attempts'; step: string; slot: string; attempts: number };

const notes: Record<
  Language,
  { failed(stop: Extract<FlowStop, { kind: 'failed' }>): string; attempts(stop: Extract<FlowStop, { kind: 'attempts' }>): string }
> = {
  'pt-BR': {
    failed: (stop) => `O fluxo parou no passo "${stop.step}": ${stop.reason}`,
    attempts: (stop) => `O cliente não conseguiu informar "${stop.slot}" (passo "${stop.step}") em ${stop.attempts} tentativas`,
  },
  en: {
    failed: (stop) => `The flow stopped at step "${stop.step}": ${stop.reason}`,
    attempts: (stop) => `The customer could not give "${stop.slot}" (step "${stop.step}") in ${stop.attempts} attempts`,
  },
  es: {
    failed: (stop) => `El flujo se detuvo en el paso "${stop.step}": ${stop.reason}`,
    attempts: (stop) => `El cliente no pudo indicar "${stop.slot}" (paso "${stop.step}") en ${stop.attempts} intentos`,
  },
};

/** The handoff note the agent reads, in the conversation's language: where the flow stopped and why. */
export function describeFlowStop(language: Language, stop: FlowStop): string {
  return stop.kind === 'failed' ? notes[language].failed(stop) : notes[language].attempts(stop);
}
