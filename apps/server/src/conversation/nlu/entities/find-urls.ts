import { type Entity } from './entity.ts';

const anchorPattern = /\b(?:https?:\/\/|www\.)/g;
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/** Links starting "http://", "https://" or "www.", up to the next space, without closing punctuation. */
export function findUrls(text: string, folded: string): Entity[] {
  const found: Entity[] = [];
  let skipUntil = 0;
  for (const anchor of folded.matchAll(anchorPattern)) {
    if (anchor.index < skipUntil) continue;
    let end = anchor.index;
    while (end < text.length && !/\s/.test(text.charAt(end))) end += 1;
    const raw = text.slice(anchor.index, end).replace(trailingPunctuation, '');
    skipUntil = end;
    if (raw.length <= anchor[0].length) continue;
    const value = raw.startsWith('www.') || raw.startsWith('WWW.') ? `https://${raw}` : raw;
    if (!URL.canParse(value)) continue;
    found.push({ type: 'url', value, text: raw, start: anchor.index, end: anchor.index + raw.length });
  }
  return found;
}
