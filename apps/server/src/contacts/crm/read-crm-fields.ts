import type { ContactField, Integration, IntegrationField } from '../../workspace/workspace.schema.ts';
import { normalizeEmail, normalizePhone } from '../normalize-identity.ts';
import { validateAttributes } from '../validate-attributes.ts';

/** One CRM value, mapped and in Fio's canonical form, before its conflict rule is applied. */
export interface IncomingField {
  crm: string;
  fio: string;
  conflict: IntegrationField['conflict'];
  value: unknown;
}

export interface SkippedField {
  crm: string;
  fio?: string;
  /** The rule that kept Fio's value, or why the field was not considered. */
  reason: 'not_mapped' | 'outbound_only' | 'unchanged' | 'fio_wins' | 'newest_wins';
}

export interface FieldError {
  field: string;
  fio: string;
  message: string;
}

export type ReadCrmFieldsResult = { ok: true; incoming: IncomingField[]; skipped: SkippedField[] } | { ok: false; errors: FieldError[] };

/**
 * Maps a CRM record's fields onto Fio paths through the integration's field list (direction both|in)
 * and checks each value as the Fio field requires (typed attributes, e-mail, E.164 phone, tags).
 * Fields the mapping does not know are skipped, not refused: a CRM sends whole records.
 */
export function readCrmFields(
  integration: Integration,
  contactFields: readonly ContactField[],
  fields: Record<string, unknown>,
): ReadCrmFieldsResult {
  const incoming: IncomingField[] = [];
  const skipped: SkippedField[] = [];
  const errors: FieldError[] = [];
  for (const [crm, raw] of Object.entries(fields)) {
    const mapping = integration.fields.find((f) => f.crm === crm);
    if (!mapping) {
      skipped.push({ crm, reason: 'not_mapped' });
      continue;
    }
    if (mapping.direction === 'out') {
      skipped.push({ crm, fio: mapping.fio, reason: 'outbound_only' });
      continue;
    }
    const value = toFioValue(mapping.fio, raw, contactFields);
    if (value.ok) incoming.push({ crm, fio: mapping.fio, conflict: mapping.conflict, value: value.value });
    else errors.push({ field: crm, fio: mapping.fio, message: value.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, incoming, skipped };
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

function toFioValue(path: string, raw: unknown, contactFields: readonly ContactField[]): Converted {
  if (path.startsWith('attributes.')) {
    const key = path.slice('attributes.'.length);
    const checked = validateAttributes(contactFields, { [key]: raw }, { strict: true });
    return checked.ok
      ? { ok: true, value: checked.attributes[key] ?? null }
      : { ok: false, message: checked.errors[0]?.message ?? 'invalid' };
  }
  if (raw === null || raw === '') return { ok: true, value: null };
  switch (path) {
    case 'displayName':
      return typeof raw === 'string' && raw.trim().length <= 200
        ? { ok: true, value: raw.trim() || null }
        : { ok: false, message: 'must be text of at most 200 characters' };
    case 'locale':
      return typeof raw === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(raw.trim())
        ? { ok: true, value: raw.trim() }
        : { ok: false, message: 'must be a language tag such as pt-BR' };
    case 'email': {
      const email = typeof raw === 'string' ? normalizeEmail(raw) : null;
      return email ? { ok: true, value: email } : { ok: false, message: 'must be an e-mail address' };
    }
    case 'phone': {
      const phone = typeof raw === 'string' ? normalizePhone(raw) : null;
      return phone ? { ok: true, value: phone } : { ok: false, message: 'must be a phone number with country code' };
    }
    case 'tags': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[;,]/) : null;
      if (!list || !list.every((t): t is string => typeof t === 'string' && t.trim().length <= 64))
        return { ok: false, message: 'must be a list of tags (text of at most 64 characters)' };
      return { ok: true, value: [...new Set(list.map((t) => t.trim()).filter(Boolean))] };
    }
    default:
      return { ok: false, message: `Fio has no field ${path}` };
  }
}
