import type { Content, ChannelType } from '@fio/contracts';
import {
  applyTone,
  businessTemplateVars,
  effectiveTone,
  engineString,
  nowTemplateVars,
  renderTemplate,
} from '../conversation/tone/index.ts';
import { supportedLanguages, type Language, type WorkspaceDefinition } from '../workspace/index.ts';

/** The language to ask in: the conversation's (the bot's state knows it), else the workspace's default. */
export function csatLanguage(workspace: WorkspaceDefinition, botLanguage: unknown): Language {
  return supportedLanguages.find((l) => l === botLanguage) ?? workspace.defaultLanguage;
}

/**
 * The CSAT question (with 1–5 as quick replies) or its thanks, in the workspace's words and tone for
 * the channel: the same texts the bot's end-of-flow survey uses, so the customer hears one voice.
 */
export function csatContent(
  workspace: WorkspaceDefinition,
  key: 'csatAsk' | 'csatThanks',
  language: Language,
  channelType: ChannelType | null,
  now: Date,
): Content[] {
  const tone = effectiveTone(workspace.tone, channelType ?? undefined);
  const text = applyTone(
    renderTemplate(engineString(key, language, tone, workspace.templates), {
      contact: { displayName: null, locale: null },
      slots: {},
      business: businessTemplateVars(workspace, language, now),
      templates: {},
      now: nowTemplateVars(workspace, language, now),
    }),
    tone,
  );
  if (key === 'csatThanks') return [{ kind: 'text', text }];
  return [{ kind: 'text', text, quickReplies: [1, 2, 3, 4, 5].map((n) => ({ id: `csat:${n}`, label: String(n) })) }];
}
