/**
 * The set of letter trigrams of some words, each word padded with spaces (" pix", "pix ") so short
 * words count and word starts weigh more. Typos ("pagameto") keep most trigrams of the right word.
 */
export function collectCharTrigrams(words: readonly string[]): Set<string> {
  const trigrams = new Set<string>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(padded.slice(i, i + 3));
  }
  return trigrams;
}
