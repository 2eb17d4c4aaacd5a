import type { ChannelType } from '@fio/contracts';
import type { Language, LocalizedText, WorkspaceError } from '../../workspace/index.ts';

/** One knowledge-base answer, whichever file format (YAML, CSV, Markdown) it came from. */
export interface FaqEntry {
  /** Slug, unique in the workspace; the classifier labels its questions `faq:<id>`. */
  id: string;
  question: LocalizedText;
  paraphrases: Partial<Record<Language, string[]>>;
  answer: LocalizedText;
  /** A shorter or channel-shaped answer (SMS, voice), per language; falls back to `answer`. */
  answerByChannel: Partial<Record<ChannelType, LocalizedText>>;
  link?: string;
  /** Shown as quick replies; payloads are `faq:ID`, `intent:NAME` or `flow:ID`. */
  followUps: FaqFollowUp[];
  /** Where the entry starts, for errors and for the author. */
  source: { file: string; line: number };
}

export interface FaqFollowUp {
  label: LocalizedText;
  payload: string;
}

export interface FaqReadOptions {
  /** The workspace's languages: text in any other language is an error. */
  languages: readonly Language[];
  /** Every entry must answer in it; Markdown and CSV rows without a language are in it. */
  defaultLanguage: Language;
  /** When given, `intent:NAME` follow-ups must name one of these. */
  intents?: readonly string[];
  /** When given, `flow:ID` follow-ups must name one of these. */
  flows?: readonly string[];
}

export type FaqParseResult = { ok: true; entries: FaqEntry[] } | { ok: false; errors: WorkspaceError[] };

/**
 * An entry with a way back to its text, so checks made after parsing (duplicate ids across files,
 * follow-ups to unknown entries) point at the exact line of the field, whatever the format.
 */
export interface LocatedFaqEntry {
  entry: FaqEntry;
  locate(path: readonly PropertyKey[]): { line: number; column: number; field: string };
}

export type LocatedFaqParseResult = { ok: true; entries: LocatedFaqEntry[] } | { ok: false; errors: WorkspaceError[] };
