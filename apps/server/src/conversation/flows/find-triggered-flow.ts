import type { Language } from '../../workspace/workspace.schema.ts';
import type { FlowDefinition } from './flow-definition.ts';

export interface TriggerInput {
  intent: string | null;
  /** The message, normalised (lower case, no accents); normalised again here, so raw text works too. */
  normalizedText: string;
  language: Language;
  /** The contact's segments: a flow limited to segments only starts for contacts in one of them. */
  segments: readonly string[];
  /** An engine event (`conversation.started`) instead of, or besides, a message. */
  event?: string;
}

/**
 * The flow a message (or event) starts, or null. Events win, then the recognised intent, then
 * keywords in the message's language, then keywords in the workspace's other languages (a customer
 * who writes "tracking" in Portuguese). Within each, a flow limited to the contact's segment beats
 * a general one, then file order decides.
 */
export function findTriggeredFlow(flows: readonly FlowDefinition[], input: TriggerInput): FlowDefinition | null {
  const eligible = flows.filter(
    (flow) => flow.trigger.segments.length === 0 || flow.trigger.segments.some((segment) => input.segments.includes(segment)),
  );
  const ranked = [
    ...eligible.filter((flow) => flow.trigger.segments.length > 0),
    ...eligible.filter((flow) => flow.trigger.segments.length === 0),
  ];
  const text = ` ${normalizeForKeywords(input.normalizedText)} `;
  const hasKeyword = (keywords: readonly string[] | undefined): boolean =>
    (keywords ?? []).some((keyword) => {
      const normalized = normalizeForKeywords(keyword);
      return normalized !== '' && text.includes(` ${normalized} `);
    });

  const tiers: ((flow: FlowDefinition) => boolean)[] = [
    (flow) => input.event !== undefined && flow.trigger.events.includes(input.event),
    (flow) => input.intent !== null && flow.trigger.intents.includes(input.intent),
    (flow) => hasKeyword(flow.trigger.keywords[input.language]),
    (flow) => Object.entries(flow.trigger.keywords).some(([language, keywords]) => language !== input.language && hasKeyword(keywords)),
  ];
  for (const matches of tiers) {
    const found = ranked.find(matches);
    if (found) return found;
  }
  return null;
}

/** Lower case, accents and punctuation gone, single spaces: "Rastrear!" and "rastrear" are one word. */
function normalizeForKeywords(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
