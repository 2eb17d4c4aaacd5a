/** "/tro" typed at the very start of the reply opens the canned responses, filtered by what follows. */
export function readCannedQuery(text: string): string | null {
  const match = /^\/(\S*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/** The "@ana" being typed just before the caret in a note (null when the caret is not in a mention). */
export function readMentionQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { query, start: caret - query.length - 1 };
}

/** Replaces the mention being typed with the chosen handle and a space; gives the caret after it. */
export function insertMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
  const inserted = `@${handle} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** A person's mention handle: the local part of their e-mail, which the server matches exactly. */
export function mentionHandleOf(email: string): string {
  return email.split('@')[0] ?? email;
}

/** A template's text with its {{1}}, {{2}} ... placeholders filled (an empty parameter keeps its placeholder). */
export function fillTemplate(body: string, parameters: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (placeholder, n: string) => {
    const value = parameters[Number(n) - 1];
    return value ? value : placeholder;
  });
}

/** Where the first unfilled {{variable}} of a rendered canned response sits, to select it for the agent. */
export function findFirstMissing(text: string, missing: readonly string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const name of missing) {
    const token = name.startsWith('{{') ? name : `{{${name}}}`;
    const at = text.indexOf(token);
    if (at >= 0 && (!best || at < best.start)) best = { start: at, end: at + token.length };
  }
  if (best) return best;
  const any = /\{\{[^}]+\}\}/.exec(text);
  return any ? { start: any.index, end: any.index + any[0].length } : null;
}
