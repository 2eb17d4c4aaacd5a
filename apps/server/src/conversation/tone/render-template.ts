import type { BotContact, SlotValue } from '../bot/engine.ts';
import { isTemplatePath, placeholderPattern } from './template-variables.ts';

/** Everything a template may refer to, already in the conversation's language. */
export interface TemplateVars {
  contact: BotContact;
  slots: Record<string, SlotValue>;
  business: { name: string; hours: string; openNow: string; nextOpening: string };
  /** The workspace's `templates`, already resolved to the language (they may use variables too). */
  templates: Record<string, string>;
  now: { date: string; time: string };
}

// `{{templates.A}}` may use `{{templates.B}}`; a loop between them stops here instead of recursing forever.
const maxTemplateDepth = 3;

/**
 * Fills `{{path}}` placeholders (common brief: contact, slots, business, templates, now, plus flat
 * `extra` names like `{{options}}`). A missing variable renders as empty text, and the punctuation
 * it leaves behind is tidied ("Oi, {{contact.first_name}}!" without a name reads "Oi!").
 * Values are inserted as plain text and never read again as templates: a customer called
 * "{{business.name}}" stays that. Lookups only see own properties, so `{{constructor}}` or
 * `{{__proto__}}` render empty. `\{{x}}` writes a literal `{{x}}`.
 */
export function renderTemplate(template: string, vars: TemplateVars, extra: Record<string, string> = {}): string {
  return renderAtDepth(template, vars, extra, 0);
}

function renderAtDepth(template: string, vars: TemplateVars, extra: Record<string, string>, depth: number): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    const [whole, escape = '', path = ''] = match;
    const index = match.index;
    out += template.slice(last, index);
    last = index + whole.length;
    if (escape !== '') {
      out += whole.slice(1);
      continue;
    }
    if (!isTemplatePath(path)) {
      out += whole;
      continue;
    }
    const value = resolveVariable(path, vars, extra, depth);
    if (value === '') out = tidyBeforeGap(out, template.slice(last));
    out += value;
  }
  return out + template.slice(last);
}

/** Drops the ", " or the space an empty variable would leave dangling before punctuation, a space or the end. */
function tidyBeforeGap(before: string, after: string): string {
  if (after === '') return before.replace(/[ \t]+$/, '');
  if (/^[!?.,;:)]/.test(after)) return before.replace(/,?[ \t]+$/, '');
  if (/^[ \t]/.test(after)) return before.replace(/[ \t]+$/, '');
  return before;
}

function resolveVariable(path: string, vars: TemplateVars, extra: Record<string, string>, depth: number): string {
  const own = ownValue(extra, path);
  if (own !== undefined) return own;
  const [root, name, ...rest] = path.split('.');
  if (name === undefined) return '';
  switch (root) {
    case 'contact':
      return resolveContact(vars.contact, name, rest);
    case 'slots':
      return resolveSlot(ownValue(vars.slots, name), rest);
    case 'business':
      if (rest.length > 0) return '';
      if (name === 'name') return vars.business.name;
      if (name === 'hours') return vars.business.hours;
      if (name === 'open_now') return vars.business.openNow;
      if (name === 'next_opening') return vars.business.nextOpening;
      return '';
    case 'templates': {
      const text = rest.length === 0 ? ownValue(vars.templates, name) : undefined;
      if (text === undefined || depth >= maxTemplateDepth) return '';
      return renderAtDepth(text, vars, extra, depth + 1);
    }
    case 'now':
      if (rest.length > 0) return '';
      if (name === 'date') return vars.now.date;
      if (name === 'time') return vars.now.time;
      return '';
    default:
      return '';
  }
}

function resolveContact(contact: BotContact, name: string, rest: string[]): string {
  if (name === 'name' && rest.length === 0) return personName(contact.displayName);
  if (name === 'first_name' && rest.length === 0) return personName(contact.displayName).split(/\s+/)[0] ?? '';
  if (name === 'email' && rest.length === 0) return contact.email ?? '';
  if (name === 'phone' && rest.length === 0) return contact.phone ?? '';
  if (name === 'attributes' && rest.length === 1 && rest[0] !== undefined && contact.attributes) {
    return formatScalar(ownValue(contact.attributes, rest[0]));
  }
  return '';
}

/** A display name that is really a phone number or an address is no name to greet someone with. */
function personName(displayName: string | null): string {
  const name = (displayName ?? '').trim();
  if (name === '' || name.includes('@') || !/\p{L}/u.test(name)) return '';
  return name;
}

function resolveSlot(slot: SlotValue | undefined, rest: string[]): string {
  if (!slot) return '';
  if (rest.length === 0 || (rest.length === 1 && rest[0] === 'display')) return slot.display;
  if (rest.length === 1 && rest[0] === 'value') return formatScalar(slot.value);
  return '';
}

function formatScalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
