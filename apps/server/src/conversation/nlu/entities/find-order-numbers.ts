import { type Entity } from './entity.ts';

const tokenPattern = /\S+/g;
const leadingPunctuation = /^[("'“‘[{]+/;
const trailingPunctuation = /[.,;:!?)"'”’\]}]+$/;

/**
 * Whole tokens the workspace order-number pattern matches ("#123456" → "123456"). Returns nothing
 * when the pattern is not a valid regex: a bad workspace setting must not break every turn. Tokens
 * that are also CPFs, phones, CEPs or dates lose to those in extractEntities.
 */
export function findOrderNumbers(text: string, orderNumberPattern: string): Entity[] {
  const whole = compileWholeTokenPattern(orderNumberPattern);
  if (!whole) return [];
  const found: Entity[] = [];
  for (const token of text.matchAll(tokenPattern)) {
    const lead = leadingPunctuation.exec(token[0])?.[0].length ?? 0;
    const core = token[0].slice(lead).replace(trailingPunctuation, '');
    // Order numbers are short; a long token is never one and must not feed a workspace regex.
    if (core.length === 0 || core.length > 40 || !whole.test(core)) continue;
    const start = token.index + lead;
    found.push({ type: 'order_number', value: core.replace(/#/g, ''), text: core, start, end: start + core.length });
  }
  return found;
}

/** The pattern anchored over a whole token, or null when it does not compile. */
function compileWholeTokenPattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'i');
  } catch {
    return null;
  }
}
