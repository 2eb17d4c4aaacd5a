// One emoji as people type it: a pictograph (or a text symbol made emoji by VS16) with skin tones,
// tags and zero-width-joined parts, or a flag's regional indicators. ©, ®, ™ and arrows are
// pictographic too but read as text in a business's name, so only code points from U+2300 go.
const pictograph = String.raw`(?:(?![\u0000-\u22FF])\p{Extended_Pictographic}|\p{Extended_Pictographic}\uFE0F)`;
const trailing = String.raw`(?:\p{Emoji_Modifier}|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}])*`;
const emojiSequence = String.raw`(?:${pictograph}${trailing}(?:\u200D${pictograph}?${trailing})*|\p{Regional_Indicator}+|[\uFE0F\u20E3])`;
const emojiRun = new RegExp(String.raw`([ \t]*)(?:${emojiSequence})+([ \t]*)`, 'gu');

/**
 * The text without emoji, words and punctuation untouched: the gap an emoji leaves collapses to one
 * space between words and to nothing before punctuation or at a line's edge ("Oi! 👋 Tudo bem?" →
 * "Oi! Tudo bem?", "Valeu 😊!" → "Valeu!").
 */
export function stripEmoji(text: string): string {
  return text.replace(emojiRun, (run: string, before: string, after: string, offset: number, whole: string) => {
    const previous = whole[offset - 1];
    const next = whole[offset + run.length];
    if (previous === undefined || previous === '\n' || next === undefined || next === '\n') return '';
    if (/[!?.,;:)]/.test(next)) return '';
    if (before !== '' || after !== '') return ' ';
    return /[\p{L}\p{N}]/u.test(previous) && /[\p{L}\p{N}]/u.test(next) ? ' ' : '';
  });
}
