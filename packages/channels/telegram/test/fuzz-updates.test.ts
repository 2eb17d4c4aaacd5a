import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inboundEventSchema } from '@fio/contracts';
import { toInboundEvents } from '../src/index.ts';
import * as updates from './fixtures/telegram-updates.ts';

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const replacements: unknown[] = [
  null,
  0,
  -1,
  1e308,
  -0.5,
  '',
  'x'.repeat(70_000),
  '\u0000',
  true,
  [],
  {},
  [1, 2],
  { id: 1 },
  '9'.repeat(30),
];

function mutate(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => (next() < 0.2 ? mutate(item, next) : item));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
      const roll = next();
      if (roll < 0.08) return [key, replacements[Math.floor(next() * replacements.length)]];
      return [key, roll < 0.5 ? mutate(item, next) : item];
    });
    if (next() < 0.05) entries.pop();
    return Object.fromEntries(entries);
  }
  return value;
}

test('never throws and emits only valid events for 3,000 mutated updates (values, types, truncation, bytes)', () => {
  const next = random(20261124);
  const bases = Object.values(updates);
  let accepted = 0;
  for (let i = 0; i < 3000; i += 1) {
    const base = bases[i % bases.length];
    let body = Buffer.from(JSON.stringify(mutate(base, next)));
    if (i % 7 === 0) body = body.subarray(0, Math.floor(body.length * next()));
    if (i % 11 === 0 && body.length > 0) body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
    let result: ReturnType<typeof toInboundEvents>;
    try {
      result = toInboundEvents(body);
    } catch (error) {
      assert.fail(`case ${i} threw ${String(error)}: ${body.toString('utf8').slice(0, 300)}`);
    }
    if (!result.ok) {
      assert.ok(result.reason.length > 0, `case ${i}: empty reason`);
      continue;
    }
    accepted += result.events.length;
    for (const event of result.events) {
      const parsed = inboundEventSchema.safeParse(event);
      assert.equal(parsed.success, true, `case ${i}: ${parsed.error?.message ?? ''}\n${body.toString('utf8').slice(0, 300)}`);
    }
  }
  // The mutations must reach the event path too, not only the refusals.
  assert.ok(accepted > 500, `only ${accepted} events emitted`);
});
