import { foldText } from './merge/fold-text.ts';

/**
 * A PostgreSQL index entry holds at most about 2.7 kB; a longer key (a name or city no person has)
 * is not indexed at all, so such a contact is simply never suggested by name and city.
 */
const maxKeyLength = 600;

/**
 * The contact's `match_key`: its name and `attributes.city`, accents, case and spacing folded, joined
 * by '|' ('josé  da silva' in 'São Paulo' → 'jose da silva|sao paulo'). Two contacts with equal keys
 * are a name-and-city merge suggestion, found by an indexed equality instead of folding every
 * contact's name in code. Null when either part is missing or blank.
 */
export function matchKeyOf(displayName: string | null, attributes: Record<string, unknown>): string | null {
  const name = displayName ? foldText(displayName) : '';
  const city = typeof attributes['city'] === 'string' ? foldText(attributes['city']) : '';
  if (!name || !city) return null;
  const key = `${name}|${city}`;
  return key.length > maxKeyLength ? null : key;
}

/** The same from the stored JSON column. */
export function matchKeyOfRow(row: { display_name: string | null; attributes_json: string }): string | null {
  return matchKeyOf(row.display_name, JSON.parse(row.attributes_json) as Record<string, unknown>);
}
