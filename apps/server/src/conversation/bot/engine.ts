import type { ChannelCapabilities, ChannelType, Content } from '@fio/contracts';
import type { WorkspaceDefinition } from '../../workspace/index.ts';
import type { ReplyWindow } from '../reply-window.ts';

/**
 * The seam between the conversation pipeline and whatever answers as the bot. The first bot and
 * the NLU/flow engine both implement it; neither knows which channel it serves (it reads capabilities
 * and the channel type only to pick tone and per-channel answers).
 */

/** A value a flow collected: the canonical form (digits, E.164, ISO date...) and how to show it. */
export interface SlotValue {
  value: string | number | boolean | null;
  /** What the bot says back ("123.456.789-09", "sexta, 27/11 às 15h"). */
  display: string;
}

/** A flow the conversation is in: which version, where, and what it collected so far. */
export interface FlowRun {
  flowId: string;
  /** The version the run started with; a reload does not move a running conversation to the new one. */
  version: string;
  stepId: string;
  slots: Record<string, SlotValue>;
  /** Failed attempts at the current ask/choose step. */
  attempts: number;
  /** JSON a `call` step kept (`mapData`), e.g. free appointment slots a later `choose` offers. */
  data?: Record<string, unknown>;
  startedAt: string;
}

/** One sentiment reading per customer message, newest last (capped). */
export interface SentimentReading {
  score: number;
  frustration: number;
  at: string;
}

/** Options the bot offered last, so "2" or a picked button's payload means the right thing on any channel. */
export interface OfferedOption {
  /** The quick-reply payload: `faq:ID`, `intent:NAME`, `flow:ID`, `choice:VALUE`. */
  payload: string;
  label: string;
}

/** Lives on the conversation, so it survives a channel switch and a restart. */
export interface BotState {
  language?: string;
  turns: number;
  /** Consecutive turns the bot did not understand. */
  failures: number;
  lastIntent?: string;
  /** The running flow; flows paused by a digression wait in `pausedFlows` (newest last). */
  flow?: FlowRun | null;
  pausedFlows?: FlowRun[];
  /** Last intents recognised (newest last, capped), for the agent's context package. */
  intentsTried?: string[];
  sentiment?: SentimentReading[];
  offered?: OfferedOption[];
  /** The bot asked "did you mean A or B?" and waits for the pick. */
  clarifying?: boolean;
  /** The bot asked for a CSAT score (1–5) at the end of a flow. */
  awaitingCsat?: boolean;
  /** @deprecated the first bot's shape; read as `flow` when present. */
  activeFlow?: { id: string; step: string; slots: Record<string, string> };
}

/** A contact as the engine sees it: for templates, branches, segment triggers and the context package. */
export interface BotContact {
  id?: string;
  displayName: string | null;
  locale: string | null;
  /** The contact's primary e-mail and phone (E.164), for `{{contact.email}}` / `{{contact.phone}}`. */
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, unknown>;
  tags?: string[];
  /** Ids of the segments the contact belongs to now: flow triggers and `segment:` branches read them. */
  segments?: string[];
}

/**
 * What the pipeline found when it checked the customer's message against the one-time code a flow's
 * `verify` step had sent (absent when no code is pending or the message holds none).
 */
export interface VerificationOutcome {
  status: 'verified' | 'wrong_code' | 'expired' | 'too_many_attempts' | 'not_sent';
  kind: 'email' | 'phone';
  value: string;
}

export interface BotTurnInput {
  workspace: WorkspaceDefinition;
  botState: BotState;
  contact: BotContact;
  message: { content: Content; text: string };
  capabilities: ChannelCapabilities;
  /** The reply channel's type: picks the per-channel tone and FAQ answer variant, never the logic. */
  channelType?: ChannelType;
  /**
   * Whether free-form replies can go out on the reply channel now (WhatsApp's 24-hour window) and why
   * not: an engine that knows can answer with a template instead of a reply that would be blocked.
   */
  replyWindow: ReplyWindow;
  now: Date;
  /** The customer's message checked against a pending verification code (a flow's `verify` step waits). */
  verification?: VerificationOutcome;
  /** Recent messages of the conversation, oldest first, for the context package (optional). */
  recent?: { direction: 'inbound' | 'outbound'; author: string; text: string; at: string }[];
}

export type HandoffReason =
  'customer_asked' | 'repeated_failure' | 'frustration' | 'sensitive_data' | 'flow' | 'slot_attempts' | 'action_failed';

export type HandoffPriority = 'low' | 'normal' | 'high' | 'urgent';

/** What the agent gets with a handoff, so they never ask again. */
export interface HandoffContext {
  /** Lines in the conversation's language: what the customer wanted, what the bot answered and collected. */
  summary: string[];
  intentsTried: string[];
  slots: Record<string, SlotValue>;
  flow: { id: string; step: string } | null;
  sentiment: { last: number; average: number; trend: 'improving' | 'stable' | 'worsening'; frustration: number };
  profile: { name: string | null; language: string | null; attributes: Record<string, unknown>; tags: string[]; segments: string[] };
  /** When nobody is on duty: when a person will answer (ISO), so the inbox can show it. */
  expectedAnswerAt: string | null;
}

export type BotAction =
  | {
      type: 'handoff';
      reason: HandoffReason;
      team?: string;
      priority?: HandoffPriority;
      /** A flow's own words for the reason ("cliente quer cancelar pedido já enviado"). */
      note?: string;
      context?: HandoffContext;
    }
  /** Contact attributes a flow's `set` step wrote (merged into the contact's custom attributes). */
  | { type: 'set_attributes'; attributes: Record<string, string | number | boolean | null> }
  /** A CSAT score the customer gave (1–5) at the end of a flow. */
  | { type: 'csat'; score: number; flowId?: string }
  /** A flow reached its end: the bot's part is done (the conversation stays with the bot). */
  | {
      type: 'flow_completed';
      flowId: string;
      version: string;
      slots: Record<string, SlotValue>;
      /** The flow is marked `lead:` in its file: these slots are the lead (`lead.captured`). */
      lead?: Record<string, SlotValue>;
    }
  /**
   * A flow's `verify` step: send a one-time code to this e-mail or phone (`via` a channel type, or the
   * default). The pipeline issues the code in the turn's transaction and checks the customer's answer.
   */
  | { type: 'verify_identity'; kind: 'email' | 'phone'; value: string; via?: 'email' | 'sms' | 'whatsapp' };

export interface BotTurnResult {
  replies: Content[];
  botState: BotState;
  actions: BotAction[];
  intent: string | null;
  /** What the engine understood, for events and analytics (optional for simple engines). */
  understanding?: {
    language: string;
    confidence: number;
    entities: { type: string; text: string }[];
    sentiment: number;
    frustration: number;
    answeredBy: 'flow' | 'faq' | 'intent' | 'clarification' | 'fallback' | 'handoff' | 'csat';
  };
}

export interface ConversationEngine {
  runTurn(input: BotTurnInput): Promise<BotTurnResult>;
}

export const initialBotState: BotState = Object.freeze({ turns: 0, failures: 0 });
