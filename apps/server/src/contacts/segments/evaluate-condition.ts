import { activityKey } from './compile-segment.ts';
import type { ContactFacts, Occurrence } from './load-contact-facts.ts';
import { parseDuration, type CountBounds, type SegmentCondition } from './segment-definition.ts';

/**
 * Whether the facts meet the condition now, and the next instant (ms) at which the answer can change
 * with no new input (a cart event turning two hours old, an order leaving a 7-day window); null when
 * only new facts can change it. Groups report their children's earliest instant: waking early costs
 * one re-evaluation, waking late would be wrong.
 */
export interface Evaluation {
  value: boolean;
  next: number | null;
}

export function evaluateCondition(condition: SegmentCondition, facts: ContactFacts, now: number): Evaluation {
  if (condition.all) return group(condition.all, facts, now, (values) => values.every(Boolean));
  if (condition.any) return group(condition.any, facts, now, (values) => values.some(Boolean));
  if (condition.none) return group(condition.none, facts, now, (values) => !values.some(Boolean));
  if (condition.attribute !== undefined) return still(matchAttribute(condition, facts.attributes[condition.attribute]));
  if (condition.tag !== undefined) {
    const wanted = condition.tag.toLowerCase();
    return still(facts.tags.some((t) => t.toLowerCase() === wanted));
  }
  if (condition.profile !== undefined) {
    const value = { email: facts.email, phone: facts.phone, displayName: facts.displayName }[condition.profile];
    return still(typeof value === 'string' && value.trim() !== '');
  }
  if (condition.createdWithin !== undefined) {
    const until = facts.createdAt + (parseDuration(condition.createdWithin) ?? 0);
    return until > now ? { value: facts.createdAt <= now, next: until } : still(false);
  }
  if (condition.event !== undefined || condition.intent !== undefined) return evaluateActivity(condition, facts, now);
  if (condition.conversations) {
    const times = facts.conversations.map((at) => ({ at, properties: null }));
    const windowMs = condition.conversations.within ? parseDuration(condition.conversations.within) : null;
    return countOverTime(times, facts.conversationTotal, condition.conversations.count, windowMs, now);
  }
  return still(false);
}

function group(children: SegmentCondition[], facts: ContactFacts, now: number, combine: (values: boolean[]) => boolean): Evaluation {
  const results = children.map((child) => evaluateCondition(child, facts, now));
  return { value: combine(results.map((r) => r.value)), next: earliest(results.map((r) => r.next)) };
}

function evaluateActivity(condition: SegmentCondition, facts: ContactFacts, now: number): Evaluation {
  const kind = condition.event !== undefined ? 'event' : 'intent';
  const series = facts.activities.get(activityKey(kind, condition.event ?? condition.intent ?? ''));
  let occurrences = series?.occurrences ?? [];
  let filtered = false;
  const where = condition.where;
  if (where) {
    occurrences = occurrences.filter((o) => Object.entries(where).every(([key, value]) => sameValue(o.properties?.[key], value)));
    filtered = true;
  }
  if (condition.after !== undefined) {
    // "No order after the latest cart": with no cart at all there is nothing to come after.
    const reference = facts.activities.get(activityKey('event', condition.after))?.occurrences.find((o) => o.at <= now);
    occurrences = reference ? occurrences.filter((o) => o.at > reference.at) : [];
    filtered = true;
  }
  const windowMs = condition.within ? parseDuration(condition.within) : null;
  const total = filtered ? null : (series?.total ?? 0);
  const counted = countOverTime(occurrences, total, condition.count, windowMs, now);
  if (!condition.olderThan) return counted;
  const ageMs = parseDuration(condition.olderThan) ?? 0;
  const latest = occurrences.find((o) => o.at <= now && (windowMs === null || o.at > now - windowMs));
  if (!latest) return { value: false, next: counted.next };
  const oldEnoughAt = latest.at + ageMs;
  return {
    value: counted.value && oldEnoughAt <= now,
    next: earliest([counted.next, oldEnoughAt > now ? oldEnoughAt : null]),
  };
}

/**
 * Counts occurrences (newest first) inside the window and checks the bounds; the next instant is when
 * enough of them leave the window (or a future-dated one arrives) for the answer to flip.
 */
function countOverTime(
  occurrences: readonly Occurrence[],
  total: number | null,
  bounds: CountBounds | undefined,
  windowMs: number | null,
  now: number,
): Evaluation {
  const test = (n: number) => withinBounds(n, bounds ?? { gte: 1 });
  const future = occurrences.filter((o) => o.at > now);
  const nextFuture = future.length ? Math.min(...future.map((o) => o.at)) : null;
  const past = occurrences.filter((o) => o.at <= now && (windowMs === null || o.at > now - windowMs));
  const count = windowMs === null && total !== null ? Math.max(total - future.length, past.length) : past.length;
  const value = test(count);
  if (windowMs === null) return { value, next: nextFuture };
  // Oldest first: after k of them leave the window, count - k remain.
  const leaving = past.map((o) => o.at + windowMs).sort((a, b) => a - b);
  let flip: number | null = null;
  for (let k = 0; k < leaving.length; k++) {
    if (test(count - k - 1) !== value) {
      flip = leaving[k] ?? null;
      break;
    }
  }
  return { value, next: earliest([flip, nextFuture]) };
}

function withinBounds(n: number, b: CountBounds): boolean {
  return (
    (b.eq === undefined || n === b.eq) &&
    (b.gt === undefined || n > b.gt) &&
    (b.gte === undefined || n >= b.gte) &&
    (b.lt === undefined || n < b.lt) &&
    (b.lte === undefined || n <= b.lte)
  );
}

function matchAttribute(condition: SegmentCondition, value: unknown): boolean {
  const present = value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  if (condition.exists !== undefined && condition.exists !== present) return false;
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (condition.equals !== undefined && !(present && values.some((v) => sameValue(v, condition.equals)))) return false;
  if (condition.notEquals !== undefined && present && values.some((v) => sameValue(v, condition.notEquals))) return false;
  if (condition.in !== undefined && !(present && values.some((v) => condition.in?.some((w) => sameValue(v, w))))) return false;
  if (condition.contains !== undefined) {
    const needle = String(condition.contains).toLowerCase();
    const hit = Array.isArray(value)
      ? values.some((v) => sameValue(v, condition.contains))
      : typeof value === 'string' && value.toLowerCase().includes(needle);
    if (!hit) return false;
  }
  for (const [op, bound] of [
    ['gt', condition.gt],
    ['gte', condition.gte],
    ['lt', condition.lt],
    ['lte', condition.lte],
  ] as const) {
    if (bound === undefined) continue;
    const order = compare(value, bound);
    if (order === null) return false;
    if (op === 'gt' && !(order > 0)) return false;
    if (op === 'gte' && !(order >= 0)) return false;
    if (op === 'lt' && !(order < 0)) return false;
    if (op === 'lte' && !(order <= 0)) return false;
  }
  return true;
}

/** Numbers compare as numbers (a numeric string too), dates and other text as text; else incomparable. */
function compare(value: unknown, bound: string | number): number | null {
  if (typeof bound === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(n) ? n - bound : null;
  }
  if (typeof value !== 'string') return null;
  return value < bound ? -1 : value > bound ? 1 : 0;
}

/** Case-insensitive for text; a number and its decimal text are the same value. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  if (typeof actual === 'number' && typeof expected === 'string') return String(actual) === expected;
  if (typeof actual === 'string' && typeof expected === 'number') return actual.trim() !== '' && Number(actual) === expected;
  return actual === expected;
}

function still(value: boolean): Evaluation {
  return { value, next: null };
}

function earliest(instants: readonly (number | null)[]): number | null {
  let min: number | null = null;
  for (const at of instants) if (at !== null && (min === null || at < min)) min = at;
  return min;
}
