import type { EffectiveTone, Language, LocalizedText } from '../../workspace/workspace.schema.ts';
import { engineEmoji, engineStrings, type EngineStringKey } from './engine-strings.ts';
import { stripEmoji } from './strip-emoji.ts';

/**
 * What the engine says for `key`, still a template (render it with `renderTemplate` and the extras
 * the key names). The workspace's own words win: `tone.greeting` for the greeting, then
 * `templates.<key>`; a language they leave out falls back to the built-in text in that language
 * rather than answering in another one. Built-in texts follow the formality and get their emoji
 * by the tone; with `emoji: none` no text comes back with emoji, the workspace's included.
 */
export function engineString(
  key: EngineStringKey,
  language: Language,
  tone: EffectiveTone,
  overrides: Record<string, LocalizedText>,
): string {
  const custom = (key === 'greeting' ? tone.greeting?.[language] : undefined) ?? ownText(overrides, key, language);
  if (custom !== undefined) return tone.emoji === 'none' ? stripEmoji(custom) : custom;
  const text = engineStrings[language][key][tone.formality];
  const decoration = engineEmoji[key];
  if (!decoration || tone.emoji === 'none' || (decoration.level === 'many' && tone.emoji !== 'many')) return text;
  return placeEmoji(text, decoration.emoji, decoration.at);
}

function ownText(overrides: Record<string, LocalizedText>, key: string, language: Language): string | undefined {
  return Object.hasOwn(overrides, key) ? overrides[key]?.[language] : undefined;
}

function placeEmoji(text: string, emoji: string, at: 'start' | 'afterFirstSentence' | 'end'): string {
  if (at === 'start') return `${emoji} ${text}`;
  if (at === 'afterFirstSentence') {
    // A sentence ends at . ! ? followed by a space; dots inside `{{contact.first_name}}` are not followed by one.
    const end = /[.!?](?=\s)/.exec(text);
    if (end) return `${text.slice(0, end.index + 1)} ${emoji}${text.slice(end.index + 1)}`;
  }
  return `${text} ${emoji}`;
}
