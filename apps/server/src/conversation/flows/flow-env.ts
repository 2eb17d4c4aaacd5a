import type { Content } from '@fio/contracts';
import type { Language, LocalizedText } from '../../workspace/workspace.schema.ts';
import type { HttpActionRunner } from '../actions/index.ts';
import type { BotAction, BotContact, FlowRun, SlotValue, VerificationOutcome } from '../bot/engine.ts';
import type { EntityContext, SlotChoice, SlotParse, SlotRules, SlotType } from '../nlu/entities/index.ts';

/** What a flow turn may use of the world: the engine builds it per turn; only `http` leaves the process. */
export interface FlowEnv {
  language: Language;
  now: Date;
  timezone: string;
  contact: BotContact;
  /** Business hours, now. */
  isOpen: boolean;
  /** Renders customer-facing text in the conversation's language and the channel's tone. */
  say(text: LocalizedText, slots: Record<string, SlotValue>): string;
  sayBuiltIn(key: FlowBuiltInText, slots: Record<string, SlotValue>, extra?: Record<string, string>): string;
  entityContext: EntityContext;
  http: HttpActionRunner;
  workspaceId: string;
}

/** Built-in texts a flow says on its own (the tone module holds them per language and formality). */
export type FlowBuiltInText =
  | 'reprompt'
  | 'cancelled'
  | 'slotInvalid'
  | 'actionFailed'
  | 'verifySent'
  | 'verifyAskCode'
  | 'verifyResent'
  | 'verifyWrongCode'
  | 'verifyExpired'
  | 'verifyTooManyAttempts'
  | 'verifyNotSent';

/**
 * The customer's message; `payload` is a picked quick reply (`choice:VALUE`); `verification` what the
 * pipeline made of it as a one-time code, when a `verify` step waits.
 */
export type FlowInput = { text: string; payload?: string; verification?: VerificationOutcome };

/** What the step the run waits at expects, so the engine can tell an answer from a digression. */
export interface FlowExpectation {
  slot: string;
  types: SlotType[];
  choices?: SlotChoice[];
  rules?: SlotRules;
  kind: 'ask' | 'choose';
}

export interface FlowOutcome {
  /** Null when the flow ended or handed off. */
  run: FlowRun | null;
  replies: Content[];
  /** `handoff` (reason flow, slot_attempts or action_failed), `set_attributes`, `flow_completed`. */
  actions: BotAction[];
  /** The flow ended at an `end` step with `csat: true`. */
  askCsat: boolean;
  status: 'waiting' | 'ended' | 'handoff';
  /** The message did not fill the expected slot: the engine may treat it as a digression instead. */
  slotRejected?: SlotParse & { ok: false };
  /** A handoff step said its own words (`handoff.say`): the engine's built-in handover text is not needed. */
  ownHandoffText?: boolean;
}
