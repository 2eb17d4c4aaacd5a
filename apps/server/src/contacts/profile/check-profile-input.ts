import type { ContactField } from '../../workspace/workspace.schema.ts';
import { normalizeEmail, normalizePhone } from '../normalize-identity.ts';
import { validateAttributes, type AttributeValue } from '../validate-attributes.ts';
import type { FieldError } from './profile-deps.ts';

/** A profile change as a client sends it: `null` clears a field, an absent key leaves it alone. */
export interface ProfileInput {
  displayName?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  locale?: string | null | undefined;
  attributes?: Record<string, unknown> | undefined;
}

/** The same change in canonical form: e-mail lower-cased, phone in E.164, attributes typed. */
export interface CheckedProfile {
  displayName?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  attributes?: Record<string, AttributeValue>;
}

const localePattern = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}$/i;

/** Checks every field and reports every bad one at once (a form shows them all, not the first). */
export function checkProfileInput(
  fields: readonly ContactField[],
  input: ProfileInput,
): { ok: true; profile: CheckedProfile } | { ok: false; errors: FieldError[] } {
  const profile: CheckedProfile = {};
  const errors: FieldError[] = [];
  if (input.displayName !== undefined) {
    const name = input.displayName?.trim() ?? '';
    if (name.length > 256) errors.push({ field: 'displayName', code: 'invalid_value', message: 'must be at most 256 characters' });
    else profile.displayName = name || null;
  }
  if (input.email !== undefined) {
    const email = input.email === null || input.email.trim() === '' ? null : normalizeEmail(input.email);
    if (email === null && input.email !== null && input.email.trim() !== '')
      errors.push({ field: 'email', code: 'invalid_value', message: 'must be an e-mail address' });
    else profile.email = email;
  }
  if (input.phone !== undefined) {
    const phone = input.phone === null || input.phone.trim() === '' ? null : normalizePhone(input.phone);
    if (phone === null && input.phone !== null && input.phone.trim() !== '')
      errors.push({ field: 'phone', code: 'invalid_value', message: 'must be a phone number with country code (+55 11 98765-4321)' });
    else profile.phone = phone;
  }
  if (input.locale !== undefined) {
    const locale = input.locale?.trim() ?? '';
    if (locale && !localePattern.test(locale))
      errors.push({ field: 'locale', code: 'invalid_value', message: 'must be a language tag such as pt-BR' });
    else profile.locale = locale || null;
  }
  if (input.attributes !== undefined) {
    const checked = validateAttributes(fields, input.attributes);
    if (checked.ok) profile.attributes = checked.attributes;
    else errors.push(...checked.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profile };
}
