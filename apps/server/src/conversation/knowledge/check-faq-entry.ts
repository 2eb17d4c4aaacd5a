import type { LocalizedText } from '../../workspace/index.ts';
import type { FaqEntry, FaqReadOptions } from './faq-entry.ts';

export interface FaqEntryIssue {
  /** Field path inside the entry, e.g. `['followUps', 0, 'payload']`. */
  path: PropertyKey[];
  message: string;
}

/** What a FAQ follow-up may point at; `choice:` belongs to flows, so it is refused here. */
const payloadPattern = /^(?:faq:[a-z0-9]+(?:-[a-z0-9]+)*|intent:[a-z][a-z0-9_]*|flow:[a-z0-9][a-z0-9_-]*)$/;

/**
 * The checks every format shares once an entry is shaped: languages the workspace speaks, an answer
 * in the default language, follow-up payloads that the engine understands. Cross-entry checks
 * (duplicate ids, `faq:` links) need the whole workspace and live in `readWorkspaceFaq`.
 */
export function checkFaqEntry(entry: FaqEntry, options: FaqReadOptions): FaqEntryIssue[] {
  const issues: FaqEntryIssue[] = [];
  const checkLanguages = (path: PropertyKey[], byLanguage: object): void => {
    for (const language of Object.keys(byLanguage)) {
      if (!options.languages.some((known) => known === language)) {
        issues.push({
          path: [...path, language],
          message: `language ${language} is not in the workspace's languages (${options.languages.join(', ')})`,
        });
      }
    }
  };
  const requireDefault = (path: PropertyKey[], text: LocalizedText): void => {
    if (text[options.defaultLanguage] === undefined) {
      issues.push({ path, message: `missing text for the default language ${options.defaultLanguage}` });
    }
  };

  checkLanguages(['question'], entry.question);
  checkLanguages(['paraphrases'], entry.paraphrases);
  checkLanguages(['answer'], entry.answer);
  requireDefault(['answer'], entry.answer);
  for (const [channel, text] of Object.entries(entry.answerByChannel)) checkLanguages(['answerByChannel', channel], text);

  entry.followUps.forEach((followUp, index) => {
    checkLanguages(['followUps', index, 'label'], followUp.label);
    requireDefault(['followUps', index, 'label'], followUp.label);
    const path = ['followUps', index, 'payload'];
    if (!payloadPattern.test(followUp.payload)) {
      issues.push({ path, message: `payload ${JSON.stringify(followUp.payload)} must be faq:ID, intent:NAME or flow:ID` });
      return;
    }
    const [kind, name = ''] = splitPayload(followUp.payload);
    if (kind === 'intent' && options.intents && !options.intents.includes(name)) {
      issues.push({ path, message: `unknown intent "${name}"` });
    }
    if (kind === 'flow' && options.flows && !options.flows.includes(name)) {
      issues.push({ path, message: `unknown flow "${name}"` });
    }
    if (kind === 'faq' && name === entry.id) {
      issues.push({ path, message: `follow-up points at its own entry "${name}"` });
    }
  });
  return issues;
}

function splitPayload(payload: string): [string, string | undefined] {
  const colon = payload.indexOf(':');
  return [payload.slice(0, colon), payload.slice(colon + 1)];
}
