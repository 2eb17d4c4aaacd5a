/**
 * A `{{path}}` placeholder; `\{{` before one keeps it literal. Paths are dotted names
 * (`slots.order_ref.value`); anything else between braces is not a placeholder and stays as written.
 */
export const placeholderPattern = /(\\?)\{\{\s*([^{}]*?)\s*\}\}/g;
const pathPattern = /^[A-Za-z_][\w-]*(?:\.[\w-]+)*$/;

/** Whether `path` is a well-formed placeholder path. */
export function isTemplatePath(path: string): boolean {
  return pathPattern.test(path);
}

/**
 * The variables a template uses, once each, in order of first use: `["slots.order_ref",
 * "contact.first_name"]`. Load-time checks use it to reject unknown slots or templates before a
 * customer ever sees an empty gap. Escaped placeholders (`\{{x}}`) are not variables.
 */
export function templateVariables(template: string): string[] {
  const seen = new Set<string>();
  for (const match of template.matchAll(placeholderPattern)) {
    const [, escape = '', path = ''] = match;
    if (escape === '' && isTemplatePath(path)) seen.add(path);
  }
  return [...seen];
}

/** What a template may refer to besides the fixed contact/business/now variables. */
export interface KnownTemplateNames {
  slots?: readonly string[];
  templates?: readonly string[];
  /** Flat extra variables the caller passes (`options`, `a`, `b`, `next`). */
  extra?: readonly string[];
}

const fixedVariables = new Set([
  'contact.first_name',
  'contact.name',
  'contact.email',
  'contact.phone',
  'business.name',
  'business.hours',
  'business.open_now',
  'business.next_opening',
  'now.date',
  'now.time',
]);

/**
 * Whether `path` is one of the variables every template may use whatever the workspace holds: the
 * contact's names, one contact attribute (`contact.attributes.plan`, open-ended), business and clock.
 */
export function isFixedTemplateVariable(path: string): boolean {
  const [root, name, field, ...rest] = path.split('.');
  // The renderer reads exactly one attribute name, so `contact.attributes.a.b` would render empty.
  if (root === 'contact' && name === 'attributes') return field !== undefined && rest.length === 0;
  return fixedVariables.has(path);
}

/**
 * The variables of `template` that would always render empty: misspelt (`contact.frist_name`),
 * unknown slots or templates. Contact attributes are open-ended and always accepted.
 */
export function findUnknownTemplateVariables(template: string, known: KnownTemplateNames = {}): string[] {
  const slots = new Set(known.slots ?? []);
  const templates = new Set(known.templates ?? []);
  const extra = new Set(known.extra ?? []);
  return templateVariables(template).filter((path) => {
    if (isFixedTemplateVariable(path) || extra.has(path)) return false;
    const [root, name, field, ...rest] = path.split('.');
    if (root === 'slots' && name !== undefined && slots.has(name)) {
      return !(field === undefined || ((field === 'value' || field === 'display') && rest.length === 0));
    }
    if (root === 'templates' && name !== undefined && field === undefined) return !templates.has(name);
    return true;
  });
}
