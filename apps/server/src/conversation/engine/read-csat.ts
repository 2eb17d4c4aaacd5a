/**
 * A satisfaction score (1–5) from how people answer "de 1 a 5...": a digit, stars, a picked button
 * (`csat:4`), or a word ("ótimo", "péssimo", "excellent", "malo").
 */
const words: readonly [RegExp, number][] = [
  [/\b(pessim[oa]|horrivel|terrivel|awful|terrible|horrible|pesimo)\b/, 1],
  [/\b(ruim|bad|malo|mala)\b/, 2],
  [/\b(regular|mais ou menos|razoavel|ok|okay|so so|mas o menos)\b/, 3],
  [/\b(bom|boa|good|bueno|buena)\b/, 4],
  [/\b(otim[oa]|excelente|perfeito|maravilhos[oa]|excellent|great|perfect|amazing|genial|perfecto)\b/, 5],
];

export function readCsat(text: string, payload: string | null, normalized: string): number | null {
  const picked = payload ? /^csat:([1-5])$/.exec(payload) : null;
  if (picked) return Number(picked[1]);
  const digit = /^\D{0,12}([1-5])(?:\s*(?:\/\s*5|de 5|of 5|estrelas?|stars?|estrellas?))?\D{0,12}$/u.exec(text.trim());
  if (digit) return Number(digit[1]);
  const stars = [...text].filter((c) => c === '⭐' || c === '★').length;
  if (stars >= 1 && stars <= 5 && text.replace(/[⭐★\s\uFE0F]/gu, '').length === 0) return stars;
  for (const [pattern, score] of [...words].reverse()) if (pattern.test(normalized)) return score;
  return null;
}
