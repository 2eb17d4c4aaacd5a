/**
 * The msg-ids (`<left@right>`, RFC 5322 §3.6.4) in a header value, in order, without repeats.
 * Real headers hold junk ("<baz@bar.net>,>", "<invalid.>", ids folded over lines): anything that is
 * not a bracketed id with an @ is skipped, since it could never match a Message-ID we stored.
 */
export function extractMessageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const ids: string[] = [];
  for (const match of text.matchAll(/<([^<>\s@]+@[^<>\s@]+)>/g)) {
    const id = `<${match[1] ?? ''}>`;
    if (id.length <= 998 && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
