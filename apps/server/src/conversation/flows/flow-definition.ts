import type { Language, LocalizedText } from '../../workspace/workspace.schema.ts';
import type { SlotRules, SlotType } from '../nlu/entities/index.ts';

/**
 * A validated flow as the engine runs it and the database stores it: plain JSON, every `next`
 * resolved (null = the flow ends there), defaults filled in, so a stored version runs the same
 * way after the file changed.
 */
export interface FlowDefinition {
  id: string;
  name: string;
  /** Short sha256 of the canonical JSON of everything but `version` and `source`. */
  version: string;
  trigger: FlowTrigger;
  steps: FlowStep[];
  source: { file: string };
  /** A lead flow: on completion its slots (`null`: all of them) become a `lead.captured` event. */
  lead?: { slots: string[] | null };
}

export interface FlowTrigger {
  intents: string[];
  keywords: Partial<Record<Language, string[]>>;
  events: string[];
  segments: string[];
}

export interface FlowOption {
  value: string;
  label: LocalizedText;
}

export type FlowScalar = string | number | boolean | null;

export type FlowCondition =
  | ({ slot: string } & FlowValueTest)
  | ({ attribute: string } & FlowValueTest)
  | { segment: string }
  | { businessHours: 'open' | 'closed' }
  | { all: FlowCondition[] }
  | { any: FlowCondition[] }
  | { not: FlowCondition };

export interface FlowValueTest {
  equals?: FlowScalar;
  notEquals?: FlowScalar;
  in?: FlowScalar[];
  exists?: boolean;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  matches?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type FlowStep =
  | { kind: 'say'; id: string; text: LocalizedText; next: string | null }
  | {
      kind: 'ask';
      id: string;
      slot: string;
      /** The declared type first, then the other accepted ones. */
      types: SlotType[];
      prompt: LocalizedText;
      reprompt?: LocalizedText;
      options?: FlowOption[];
      rules?: SlotRules;
      maxAttempts: number;
      onFail: string | null;
      next: string | null;
    }
  | {
      kind: 'choose';
      id: string;
      slot: string;
      prompt: LocalizedText;
      reprompt?: LocalizedText;
      options: (FlowOption & { next: string | null })[];
      optionsFrom?: { data: string; value: string; label: string; max: number };
      maxAttempts: number;
      onFail: string | null;
      next: string | null;
    }
  | { kind: 'branch'; id: string; rules: { when?: FlowCondition; next: string }[]; fallthrough: string | null }
  | {
      kind: 'call';
      id: string;
      method: HttpMethod;
      url: string;
      headers: Record<string, string>;
      body?: unknown;
      timeoutMs: number;
      retries: number;
      map: Record<string, string>;
      mapData: Record<string, string>;
      onError: string | null;
      onNotFound: string | null;
      next: string | null;
    }
  | { kind: 'set'; id: string; attributes: Record<string, FlowScalar>; slots: Record<string, FlowScalar>; next: string | null }
  | {
      kind: 'verify';
      id: string;
      identity: 'email' | 'phone';
      /** A template: rendered with the slots when the step runs. */
      value: string;
      via?: 'email' | 'sms' | 'whatsapp';
      /** Wrong codes before `onFail` (or a handoff). */
      maxAttempts: number;
      onFail: string | null;
      next: string | null;
    }
  | {
      kind: 'handoff';
      id: string;
      team?: string;
      priority?: 'low' | 'normal' | 'high' | 'urgent';
      note?: LocalizedText;
      say?: LocalizedText;
    }
  | { kind: 'end'; id: string; say?: LocalizedText; csat: boolean };

export type FlowStepOf<K extends FlowStep['kind']> = Extract<FlowStep, { kind: K }>;
