/** Finer and finer places to cut, each with the text that joins its pieces back. */
const levels: readonly { split: RegExp; joiner: string }[] = [
  { split: /\n[ \t]*\n\s*/, joiner: '\n\n' },
  { split: /\n/, joiner: '\n' },
  { split: /(?<=[.!?…])\s+/, joiner: ' ' },
  { split: /\s+/, joiner: ' ' },
];

/**
 * A reply cut into messages of at most `maxLength` characters (UTF-16 units, as channels count):
 * at paragraph breaks first, then line breaks, sentence ends and spaces, never inside a word
 * unless a single word is longer than `maxLength` (a long link), and never inside an emoji or
 * other surrogate pair. Pieces are trimmed; blank text gives no messages. A `maxLength` below 1
 * (or not a number) means no limit.
 */
export function splitToMaxLength(text: string, maxLength: number): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (!Number.isFinite(maxLength) || maxLength < 1) return [trimmed];
  return splitAtLevel(trimmed, Math.floor(maxLength), 0);
}

function splitAtLevel(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  const cut = levels[level];
  if (!cut) return splitHard(text, max);
  const pieces = text
    .split(cut.split)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  if (pieces.length <= 1) return splitAtLevel(text, max, level + 1);
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (piece.length > max) {
      if (current !== '') chunks.push(current);
      current = '';
      chunks.push(...splitAtLevel(piece, max, level + 1));
    } else if (current === '') {
      current = piece;
    } else if (current.length + cut.joiner.length + piece.length <= max) {
      current += cut.joiner + piece;
    } else {
      chunks.push(current);
      current = piece;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function splitHard(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const char of text) {
    // A surrogate pair counts 2; a limit of 1 still has to let it through whole.
    if (current !== '' && current.length + char.length > max) {
      chunks.push(current);
      current = '';
    }
    current += char;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
