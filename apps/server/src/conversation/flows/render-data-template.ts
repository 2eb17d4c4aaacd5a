import type { BotContact, SlotValue } from '../bot/engine.ts';

/**
 * Fills `{{...}}` in what a flow sends to machines: call URLs, headers and bodies, and `set` values.
 * Unlike customer-facing text, `{{slots.X}}` here is the slot's canonical value (CPF digits, not
 * "123.456.789-09"), since that is what an API expects; `{{slots.X.display}}` gives the shown form.
 * Same placeholder syntax as the tone renderer (`\{{` stays literal); a missing value is empty text.
 */
export interface DataTemplateScope {
  slots: Readonly<Record<string, SlotValue>>;
  contact: BotContact;
}

const placeholder = /(\\?)\{\{\s*([^{}]*?)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*([^{}]*?)\s*\}\}$/;

export function renderDataTemplate(
  template: string,
  scope: DataTemplateScope,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(placeholder, (whole, escape: string, path: string) => {
    if (escape !== '') return whole.slice(1);
    if (!isDataTemplateVariable(path)) return whole;
    return encode(formatScalar(resolveDataVariable(path, scope)));
  });
}

/**
 * A JSON value (a call body) with every string rendered; a string that is one placeholder alone
 * keeps the value's type, so `amount: "{{slots.total}}"` sends a number, not "49.9".
 */
export function renderDataValue(value: unknown, scope: DataTemplateScope): unknown {
  if (typeof value === 'string') {
    const whole = wholePlaceholder.exec(value);
    if (whole?.[1] !== undefined && isDataTemplateVariable(whole[1])) return resolveDataVariable(whole[1], scope) ?? null;
    return renderDataTemplate(value, scope);
  }
  if (Array.isArray(value)) return value.map((item) => renderDataValue(item, scope));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderDataValue(item, scope)]));
  }
  return value;
}

/** Whether `path` names something a data template can fill (the load-time check uses this too). */
export function isDataTemplateVariable(path: string): boolean {
  const [root, name, field, ...rest] = path.split('.');
  if (name === undefined || name === '' || rest.length > 0) return false;
  if (root === 'slots') return field === undefined || field === 'value' || field === 'display';
  if (root === 'contact') {
    if (name === 'attributes') return field !== undefined && field !== '';
    return field === undefined && (name === 'id' || name === 'name' || name === 'first_name' || name === 'email' || name === 'phone');
  }
  return false;
}

/** The value a placeholder stands for, typed: a slot's canonical value, a contact attribute as stored. */
export function resolveDataVariable(path: string, scope: DataTemplateScope): string | number | boolean | null | undefined {
  const [root, name = '', field] = path.split('.');
  if (root === 'slots') {
    const slot = Object.hasOwn(scope.slots, name) ? scope.slots[name] : undefined;
    if (!slot) return undefined;
    return field === 'display' ? slot.display : (slot.value ?? slot.display);
  }
  if (root !== 'contact') return undefined;
  if (name === 'id') return scope.contact.id;
  if (name === 'name') return scope.contact.displayName ?? undefined;
  if (name === 'first_name') return scope.contact.displayName?.trim().split(/\s+/)[0];
  if (name === 'email') return scope.contact.email ?? undefined;
  if (name === 'phone') return scope.contact.phone ?? undefined;
  if (name === 'attributes' && field !== undefined) {
    const attributes = scope.contact.attributes ?? {};
    const value = Object.hasOwn(attributes, field) ? attributes[field] : undefined;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
  }
  return undefined;
}

function formatScalar(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return String(value);
}
