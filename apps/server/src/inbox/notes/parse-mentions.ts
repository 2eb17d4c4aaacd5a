/** A person who can be mentioned: an active user of the workspace. */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

/**
 * The users a note mentions. The rule: "@" followed by either a user's whole name ("@Ana Souza") or the
 * local part of their e-mail ("@ana.souza" for ana.souza@loja.com), compared without case or accents,
 * and not followed by another name character (so "@Ana" does not match "Anabela"). Longer names are tried
 * first, so "@Ana Souza" is Ana Souza even when another user is called "Ana". An "@" inside a word (an
 * e-mail address in the text) mentions no one. Pure; returns user ids in the order first mentioned.
 */
export function parseMentions(text: string, users: readonly Mentionable[]): string[] {
  const folded = fold(text);
  const handles = users
    .flatMap((u) => [
      { id: u.id, handle: fold(u.name.trim()) },
      { id: u.id, handle: fold(u.email.split('@')[0] ?? '') },
    ])
    .filter((h) => h.handle.length > 0)
    .sort((a, b) => b.handle.length - a.handle.length);
  const found: { id: string; at: number }[] = [];
  for (let at = folded.indexOf('@'); at !== -1; at = folded.indexOf('@', at + 1)) {
    if (at > 0 && isNameChar(folded[at - 1] ?? '')) continue;
    const rest = folded.slice(at + 1);
    const match = handles.find((h) => rest.startsWith(h.handle) && !isNameChar(rest[h.handle.length] ?? ''));
    if (match) found.push({ id: match.id, at });
  }
  return [...new Set(found.map((f) => f.id))];
}

/** Lower case without diacritics, one character for one character (NFD marks removed after). */
function fold(s: string): string {
  return [...s].map((ch) => ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().charAt(0) || ch).join('');
}

function isNameChar(ch: string): boolean {
  return /[\p{L}\p{N}_-]/u.test(ch);
}
