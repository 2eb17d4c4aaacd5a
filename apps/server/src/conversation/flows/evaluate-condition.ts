import type { BotContact, SlotValue } from '../bot/engine.ts';
import type { FlowCondition, FlowScalar, FlowValueTest } from './flow-definition.ts';

/** What a branch condition can look at. */
export interface ConditionScope {
  slots: Readonly<Record<string, SlotValue>>;
  contact: BotContact;
  isOpen: boolean;
}

/**
 * Whether a branch condition holds. Slots compare by their canonical value (`shipped`, `true`,
 * `49.9`), attributes by the stored value; a missing slot or attribute satisfies only
 * `exists: false` and `notEquals`. Never throws: a bad `matches` (the loader rejects those) is false.
 */
export function evaluateCondition(condition: FlowCondition, scope: ConditionScope): boolean {
  if ('all' in condition) return condition.all.every((inner) => evaluateCondition(inner, scope));
  if ('any' in condition) return condition.any.some((inner) => evaluateCondition(inner, scope));
  if ('not' in condition) return !evaluateCondition(condition.not, scope);
  if ('segment' in condition) return (scope.contact.segments ?? []).includes(condition.segment);
  if ('businessHours' in condition) return scope.isOpen === (condition.businessHours === 'open');
  if ('slot' in condition) {
    const slot = Object.hasOwn(scope.slots, condition.slot) ? scope.slots[condition.slot] : undefined;
    return testValue(slot?.value, condition);
  }
  const attributes = scope.contact.attributes ?? {};
  return testValue(Object.hasOwn(attributes, condition.attribute) ? attributes[condition.attribute] : undefined, condition);
}

function testValue(value: unknown, test: FlowValueTest): boolean {
  const present = value !== undefined && value !== null && value !== '';
  if (test.exists !== undefined) return present === test.exists;
  if (test.notEquals !== undefined) return !sameValue(value, test.notEquals);
  if (!present) return false;
  if (test.equals !== undefined) return sameValue(value, test.equals);
  if (test.in !== undefined) return test.in.some((candidate) => sameValue(value, candidate));
  if (test.matches !== undefined) return matches(value, test.matches);
  const number = toNumber(value);
  if (number === null) return false;
  if (test.gt !== undefined) return number > test.gt;
  if (test.gte !== undefined) return number >= test.gte;
  if (test.lt !== undefined) return number < test.lt;
  if (test.lte !== undefined) return number <= test.lte;
  return false;
}

/** `7` equals "7", `true` equals "true": YAML authors should not have to think about types. */
function sameValue(value: unknown, expected: FlowScalar): boolean {
  if (expected === null) return value === null || value === undefined || value === '';
  if (value === undefined || value === null) return false;
  if (typeof value === 'number' && typeof expected === 'number') return value === expected;
  const text = scalarText(value);
  return text !== null && text === String(expected);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return null;
}

function matches(value: unknown, source: string): boolean {
  const text = scalarText(value);
  if (text === null) return false;
  try {
    return new RegExp(source, 'iu').test(text);
  } catch {
    return false;
  }
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
