import type { EffectiveTone } from '../../workspace/workspace.schema.ts';
import { stripEmoji } from './strip-emoji.ts';

/**
 * A reply as the tone allows it: with `emoji: none` no emoji at all, whoever wrote the text (a FAQ
 * answer, a flow, an agent's template); `few` and `many` keep the author's. Length is not handled
 * here: `splitToMaxLength` cuts a long reply into messages.
 */
export function applyTone(text: string, tone: EffectiveTone): string {
  return tone.emoji === 'none' ? stripEmoji(text) : text;
}
