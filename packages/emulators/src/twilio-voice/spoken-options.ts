/**
 * What a caller hears as a menu: "Diga ou digite 1 para rastrear pedido ou 2 para falar com atendente."
 * (also "Say or press …" and "Diga o marque …"). Returns the options in order, keyed by their digit,
 * so the playground can show a keypad and `pickOption` can press the right key.
 */
const intro = /(?:diga ou digite|say or press|diga o marque)\s+(.+?)\.?\s*$/isu;
const clause = /^(\d{1,2})\s+(?:para|for)\s+(.+)$/isu;

export function spokenOptions(text: string): { id: string; label: string }[] {
  const sentence = intro.exec(text)?.[1];
  if (sentence === undefined) return [];
  const parts = sentence.split(/,\s*(?:or\s+)?|\s+(?:ou|or|o)\s+(?=\d)/iu);
  const options: { id: string; label: string }[] = [];
  for (const part of parts) {
    const match = clause.exec(part.trim());
    if (match?.[1] === undefined || match[2] === undefined) return [];
    options.push({ id: match[1], label: match[2].trim() });
  }
  return options;
}
