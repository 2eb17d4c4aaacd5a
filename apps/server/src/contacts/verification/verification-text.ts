/** The message that carries a code, in the conversation's language (pt-BR, en, es; others get English). */
export function verificationText(language: string, business: string, code: string, minutes: number): string {
  const base = language.toLowerCase().slice(0, 2);
  if (base === 'pt') return `Seu código ${business}: ${code}. Vale por ${minutes} minutos.`;
  if (base === 'es') return `Tu código ${business}: ${code}. Vale por ${minutes} minutos.`;
  return `Your ${business} code: ${code}. Valid for ${minutes} minutes.`;
}
