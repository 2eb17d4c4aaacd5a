/**
 * The plain words of a text: lower case, accents stripped, anything but ASCII letters and digits a
 * separator ("Quais as formas de pagamento?" → quais, as, formas, de, pagamento). Slugs, language
 * markers and the sentiment fallback share it so they never disagree on what a word is.
 */
export function foldWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
}
