import type { FieldError } from './profile-deps.ts';

export const maxTagLength = 64;
export const maxTagsPerContact = 100;

/** Tags as stored: trimmed, inner whitespace collapsed, empty ones dropped, each once, in first-seen order. */
export function normalizeTags(raw: readonly string[]): { ok: true; tags: string[] } | { ok: false; error: FieldError } {
  const tags: string[] = [];
  for (const tag of raw) {
    const t = tag.trim().replace(/\s+/g, ' ');
    if (!t) continue;
    if (t.length > maxTagLength)
      return {
        ok: false,
        error: { field: 'tags', code: 'invalid_value', message: `a tag has at most ${maxTagLength} characters: "${t.slice(0, 20)}…"` },
      };
    if (!tags.includes(t)) tags.push(t);
  }
  return { ok: true, tags };
}

/** The tag list after adding and removing (removal wins for a tag in both); refuses more than 100 tags. */
export function applyTagChange(
  current: readonly string[],
  change: { add?: readonly string[] | undefined; remove?: readonly string[] | undefined },
): { ok: true; tags: string[] } | { ok: false; error: FieldError } {
  const add = normalizeTags(change.add ?? []);
  if (!add.ok) return add;
  const remove = normalizeTags(change.remove ?? []);
  if (!remove.ok) return remove;
  const tags = [...current, ...add.tags.filter((t) => !current.includes(t))].filter((t) => !remove.tags.includes(t));
  if (tags.length > maxTagsPerContact)
    return { ok: false, error: { field: 'tags', code: 'too_many', message: `a contact has at most ${maxTagsPerContact} tags` } };
  return { ok: true, tags };
}
