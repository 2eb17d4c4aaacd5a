import type { IntegrationField } from '../../workspace/workspace.schema.ts';
import type { FieldMeta } from '../contact.repository.ts';

export type CrmFieldDecision = { take: true } | { take: false; reason: 'unchanged' | 'fio_wins' | 'newest_wins' };

/**
 * Whether a value the CRM sent replaces Fio's: `crm_wins` always; `fio_wins` only into an empty field;
 * `newest_wins` when the CRM's change time is later than Fio's last change of the field (a field with
 * no recorded change counts as older than anything).
 */
export function decideCrmField(
  rule: IntegrationField['conflict'],
  current: unknown,
  incoming: unknown,
  lastChange: FieldMeta[string] | undefined,
  crmChangedAt: string,
): CrmFieldDecision {
  if (isSameValue(current, incoming)) return { take: false, reason: 'unchanged' };
  switch (rule) {
    case 'crm_wins':
      return { take: true };
    case 'fio_wins':
      return isEmptyValue(current) ? { take: true } : { take: false, reason: 'fio_wins' };
    case 'newest_wins':
      return lastChange === undefined || Date.parse(crmChangedAt) > Date.parse(lastChange.at)
        ? { take: true }
        : { take: false, reason: 'newest_wins' };
  }
}

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isSameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
