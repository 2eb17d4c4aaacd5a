import type { ChannelType } from '@fio/contracts';
import type { Language, LocalizedText } from '../../workspace/index.ts';
import type { FaqEntry } from './faq-entry.ts';

/**
 * The answer to say: the channel's own version when the entry has one in that language, else the
 * general answer, then the same in the fallback language (the workspace default always has one).
 * The entry's link is added on its own line unless the text already carries it.
 */
export function pickFaqAnswer(
  entry: FaqEntry,
  language: Language,
  channelType: ChannelType | undefined,
  fallbackLanguage: Language,
): string {
  const byChannel: LocalizedText = channelType ? (entry.answerByChannel[channelType] ?? {}) : {};
  const text =
    byChannel[language] ??
    entry.answer[language] ??
    byChannel[fallbackLanguage] ??
    entry.answer[fallbackLanguage] ??
    Object.values(entry.answer).find(Boolean) ??
    '';
  if (!entry.link || text.includes(entry.link)) return text;
  return text ? `${text}\n${entry.link}` : entry.link;
}
