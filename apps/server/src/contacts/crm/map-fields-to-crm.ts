import type { Integration } from '../../workspace/workspace.schema.ts';

import { readFioField } from './read-fio-field.ts';

/** The contact as the CRM names its fields: every mapped field whose direction lets it leave Fio (both|out). */
export function mapFieldsToCrm(
  contact: Parameters<typeof readFioField>[0],
  integration: Pick<Integration, 'fields'>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of integration.fields) {
    if (field.direction === 'in') continue;
    out[field.crm] = readFioField(contact, field.fio) ?? null;
  }
  return out;
}

/** The CRM names of the changed Fio paths that leave Fio. */
export function crmNamesOf(paths: readonly string[], integration: Pick<Integration, 'fields'>): string[] {
  return integration.fields.filter((f) => f.direction !== 'in' && paths.includes(f.fio)).map((f) => f.crm);
}
