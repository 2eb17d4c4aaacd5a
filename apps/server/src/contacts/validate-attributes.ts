import type { ContactField } from '../workspace/workspace.schema.ts';
import { normalizeEmail, normalizePhone } from './normalize-identity.ts';

export type AttributeValue = string | number | boolean | string[] | null;

export interface AttributeError {
  /** `attributes.<key>` */
  field: string;
  code: 'unknown_field' | 'invalid_value';
  message: string;
}

export type ValidateAttributesResult = { ok: true; attributes: Record<string, AttributeValue> } | { ok: false; errors: AttributeError[] };

/**
 * Checks custom attributes against the workspace's typed contact fields and returns them in canonical
 * form (numbers as numbers, dates as YYYY-MM-DD, datetimes as ISO UTC, e-mails lower-cased, phones in
 * E.164). `null` clears a field. Keys not declared are refused when the workspace declares fields
 * (`strict`); a workspace without declared fields accepts any scalar, as before fields existed.
 */
export function validateAttributes(
  fields: readonly ContactField[],
  input: Record<string, unknown>,
  options: { strict?: boolean } = {},
): ValidateAttributesResult {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const strict = options.strict ?? fields.length > 0;
  const attributes: Record<string, AttributeValue> = {};
  const errors: AttributeError[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const field = byKey.get(key);
    const path = `attributes.${key}`;
    if (raw === null) {
      attributes[key] = null;
      continue;
    }
    if (!field) {
      if (strict) {
        errors.push({ field: path, code: 'unknown_field', message: `no contact field "${key}" in this workspace` });
      } else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
        attributes[key] = raw;
      } else {
        errors.push({ field: path, code: 'invalid_value', message: 'must be a string, number or boolean' });
      }
      continue;
    }
    const value = coerce(field, raw);
    if (value.ok) attributes[key] = value.value;
    else errors.push({ field: path, code: 'invalid_value', message: value.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, attributes };
}

type Coerced = { ok: true; value: AttributeValue } | { ok: false; message: string };

function coerce(field: ContactField, raw: unknown): Coerced {
  const text = typeof raw === 'string' ? raw.trim() : null;
  switch (field.type) {
    case 'text':
      if (text === null) return { ok: false, message: 'must be text' };
      return text.length <= 4096 ? { ok: true, value: text } : { ok: false, message: 'must be at most 4096 characters' };
    case 'number': {
      const n = typeof raw === 'number' ? raw : text !== null && text !== '' ? Number(text.replace(',', '.')) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'must be a number' };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const t = text?.toLowerCase();
      if (t && ['true', 'sim', 'yes', 'sí', 'si', '1'].includes(t)) return { ok: true, value: true };
      if (t && ['false', 'não', 'nao', 'no', '0'].includes(t)) return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
    }
    case 'date': {
      if (text === null || !/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
        return { ok: false, message: 'must be a date YYYY-MM-DD' };
      return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text
        ? { ok: true, value: text }
        : { ok: false, message: 'must be a real date' };
    }
    case 'datetime': {
      const ms = text === null ? NaN : Date.parse(text);
      return text !== null && /^\d{4}-\d{2}-\d{2}T/.test(text) && Number.isFinite(ms)
        ? { ok: true, value: new Date(ms).toISOString() }
        : { ok: false, message: 'must be an ISO 8601 date-time' };
    }
    case 'email': {
      const email = text === null ? null : normalizeEmail(text);
      return email ? { ok: true, value: email } : { ok: false, message: 'must be an e-mail address' };
    }
    case 'phone': {
      const phone = text === null ? null : normalizePhone(text);
      return phone ? { ok: true, value: phone } : { ok: false, message: 'must be a phone number with country code' };
    }
    case 'url': {
      if (text === null || !URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol))
        return { ok: false, message: 'must be an http(s) URL' };
      return { ok: true, value: text };
    }
    case 'select':
      return text !== null && field.options?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `must be one of ${(field.options ?? []).join(', ')}` };
    case 'multiselect': {
      const list = Array.isArray(raw)
        ? raw
        : text !== null
          ? text
              .split(/[;,]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : null;
      if (!list || !list.every((v): v is string => typeof v === 'string' && (field.options ?? []).includes(v)))
        return { ok: false, message: `must be a list of ${(field.options ?? []).join(', ')}` };
      return { ok: true, value: [...new Set(list)] };
    }
  }
}
