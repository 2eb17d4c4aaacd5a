/** Accents, case and spacing folded away: 'José  da Silva' and 'jose da silva' compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
