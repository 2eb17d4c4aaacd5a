import type { ContactField } from '../../workspace/workspace.schema.ts';

/** The columns of the contact export, in order; the import reads the same names back. */
export const exportedColumns = ['id', 'display_name', 'email', 'phone', 'locale', 'tags', 'created_at', 'updated_at', 'segments'] as const;

/** What an import column writes. */
export type ImportColumn =
  | { kind: 'id' }
  | { kind: 'profile'; key: 'displayName' | 'email' | 'phone' | 'locale' }
  | { kind: 'tags' }
  | { kind: 'external_id' }
  | { kind: 'attribute'; key: string }
  /** Shown in an export, computed by Fio: read back without effect, so an export imports cleanly. */
  | { kind: 'ignored' };

const fixed: Record<string, ImportColumn> = {
  id: { kind: 'id' },
  name: { kind: 'profile', key: 'displayName' },
  display_name: { kind: 'profile', key: 'displayName' },
  email: { kind: 'profile', key: 'email' },
  phone: { kind: 'profile', key: 'phone' },
  locale: { kind: 'profile', key: 'locale' },
  tags: { kind: 'tags' },
  external_id: { kind: 'external_id' },
  created_at: { kind: 'ignored' },
  updated_at: { kind: 'ignored' },
  segments: { kind: 'ignored' },
};

/**
 * The meaning of one header cell: a fixed column, a declared contact field by key or as
 * `attributes.<key>`; null when unknown. A workspace without declared fields takes any
 * `attributes.<key>` (as its API does).
 */
export function importColumnOf(header: string, fields: readonly ContactField[]): ImportColumn | null {
  const name = header.trim();
  const lower = name.toLowerCase();
  const known = Object.hasOwn(fixed, lower) ? fixed[lower] : undefined;
  if (known) return known;
  const key = lower.startsWith('attributes.') ? name.slice('attributes.'.length) : name;
  if (fields.some((f) => f.key === key)) return { kind: 'attribute', key };
  if (fields.length === 0 && lower.startsWith('attributes.') && /^[a-z][a-z0-9_]{0,63}$/.test(key)) return { kind: 'attribute', key };
  return null;
}
