import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityKey } from './compile-segment.ts';
import { evaluateCondition } from './evaluate-condition.ts';
import type { ContactFacts } from './load-contact-facts.ts';
import { parseDuration, segmentConditionSchema, type SegmentCondition } from './segment-definition.ts';

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.parse('2026-06-01T12:00:00.000Z');

function facts(
  overrides: Partial<ContactFacts> & { events?: Record<string, number[]>; intents?: Record<string, number[]> } = {},
): ContactFacts {
  const activities = new Map<string, { occurrences: { at: number; properties: Record<string, unknown> | null }[]; total: number }>();
  for (const [kind, series] of [
    ['event', overrides.events ?? {}],
    ['intent', overrides.intents ?? {}],
  ] as const)
    for (const [name, ago] of Object.entries(series)) {
      const occurrences = ago.map((ms) => ({ at: now - ms, properties: { value: ms } })).sort((a, b) => b.at - a.at);
      activities.set(activityKey(kind, name), { occurrences, total: occurrences.length });
    }
  return {
    createdAt: now - 30 * day,
    attributes: {},
    tags: [],
    displayName: null,
    email: null,
    phone: null,
    conversations: [],
    conversationTotal: 0,
    ...overrides,
    activities,
  };
}

const when = (condition: SegmentCondition) => segmentConditionSchema.parse(condition);

test('durations are whole minutes, hours or days', () => {
  assert.equal(parseDuration('30m'), 30 * 60_000);
  assert.equal(parseDuration('2h'), 2 * hour);
  assert.equal(parseDuration('7d'), 7 * day);
  for (const bad of ['0h', '2 h', '1.5h', '2w', '', 'h']) assert.equal(parseDuration(bad), null, bad);
});

test('attribute conditions compare typed values, text case-insensitively, and lists by membership', () => {
  const f = facts({ attributes: { plan: 'Premium', score: 42, since: '2024-05-01', interests: ['shoes', 'bags'], empty: '' } });
  const is = (c: SegmentCondition) => evaluateCondition(when(c), f, now).value;
  assert.equal(is({ attribute: 'plan', equals: 'premium' }), true);
  assert.equal(is({ attribute: 'plan', notEquals: 'premium' }), false);
  assert.equal(is({ attribute: 'missing', notEquals: 'premium' }), true);
  assert.equal(is({ attribute: 'plan', in: ['basic', 'premium'] }), true);
  assert.equal(is({ attribute: 'score', gt: 41, lte: 42 }), true);
  assert.equal(is({ attribute: 'score', gte: '50' }), false, 'a number and a text bound do not compare');
  assert.equal(is({ attribute: 'since', lt: '2025-01-01' }), true);
  assert.equal(is({ attribute: 'interests', contains: 'bags' }), true);
  assert.equal(is({ attribute: 'interests', equals: 'shoes' }), true);
  assert.equal(is({ attribute: 'plan', contains: 'prem' }), true);
  assert.equal(is({ attribute: 'empty', exists: true }), false);
  assert.equal(is({ attribute: 'missing', exists: false }), true);
  assert.equal(is({ attribute: 'plan', gt: 3 }), false);
});

test('all, any and none combine; tags and profile fields are read', () => {
  const f = facts({ tags: ['VIP'], email: 'a@example.com' });
  const is = (c: SegmentCondition) => evaluateCondition(when(c), f, now).value;
  assert.equal(is({ all: [{ tag: 'vip' }, { profile: 'email' }] }), true);
  assert.equal(is({ any: [{ tag: 'other' }, { profile: 'phone' }] }), false);
  assert.equal(is({ none: [{ tag: 'other' }, { profile: 'phone' }] }), true);
});

test('an event older than the delay enters at the instant it turns that old, and leaves the window later', () => {
  const condition = when({ event: 'cart_updated', olderThan: '2h', within: '7d' });
  const fresh = evaluateCondition(condition, facts({ events: { cart_updated: [30 * 60_000] } }), now);
  assert.deepEqual(fresh, { value: false, next: now + 90 * 60_000 });
  const old = evaluateCondition(condition, facts({ events: { cart_updated: [3 * hour] } }), now);
  assert.deepEqual(old, { value: true, next: now + 7 * day - 3 * hour });
  // The latest cart counts: an old one does not make a fresh cart abandoned.
  assert.equal(evaluateCondition(condition, facts({ events: { cart_updated: [10 * 60_000, 5 * hour] } }), now).value, false);
});

test('"after" counts only occurrences after the latest of the other event', () => {
  const condition = when({ none: [{ event: 'order_placed', after: 'cart_updated' }] });
  assert.equal(evaluateCondition(condition, facts({ events: { cart_updated: [3 * hour], order_placed: [5 * hour] } }), now).value, true);
  assert.equal(evaluateCondition(condition, facts({ events: { cart_updated: [3 * hour], order_placed: [hour] } }), now).value, false);
  assert.equal(evaluateCondition(condition, facts({ events: { order_placed: [hour] } }), now).value, true, 'no cart: nothing is after it');
});

test('a count over a window flips when enough occurrences leave it', () => {
  const condition = when({ intent: 'price_info', count: { gte: 2 }, within: '7d' });
  const f = facts({ intents: { price_info: [1 * day, 2 * day, 3 * day] } });
  // Three inside; the answer flips when the second oldest leaves (count 1), not when the oldest does.
  assert.deepEqual(evaluateCondition(condition, f, now), { value: true, next: now + 5 * day });
  assert.deepEqual(evaluateCondition(when({ intent: 'price_info', count: { lte: 0 } }), f, now), { value: false, next: null });
});

test('where filters occurrences by their properties', () => {
  const f = facts({ events: { order_placed: [hour, 2 * hour] } });
  assert.equal(evaluateCondition(when({ event: 'order_placed', where: { value: 3_600_000 } }), f, now).value, true);
  assert.equal(evaluateCondition(when({ event: 'order_placed', where: { value: 1 } }), f, now).value, false);
});

test('createdWithin holds until the contact is that old; conversations are counted in their window', () => {
  const young = facts({ createdAt: now - 2 * day });
  assert.deepEqual(evaluateCondition(when({ createdWithin: '7d' }), young, now), { value: true, next: now + 5 * day });
  assert.deepEqual(evaluateCondition(when({ createdWithin: '7d' }), facts(), now), { value: false, next: null });
  const talkative = facts({ conversations: [now - day, now - 40 * day], conversationTotal: 2 });
  assert.equal(evaluateCondition(when({ conversations: { count: { gte: 2 } } }), talkative, now).value, true);
  assert.deepEqual(evaluateCondition(when({ conversations: { count: { gte: 1 }, within: '30d' } }), talkative, now), {
    value: true,
    next: now + 29 * day,
  });
});

test('a condition names exactly one kind and only its own options', () => {
  assert.equal(segmentConditionSchema.safeParse({}).success, false);
  assert.equal(segmentConditionSchema.safeParse({ tag: 'a', event: 'b' }).success, false);
  assert.equal(segmentConditionSchema.safeParse({ tag: 'a', within: '2h' }).success, false);
  assert.equal(segmentConditionSchema.safeParse({ intent: 'a', after: 'b' }).success, false);
  assert.equal(segmentConditionSchema.safeParse({ event: 'a', count: {} }).success, false);
  assert.equal(segmentConditionSchema.safeParse({ all: [] }).success, false);
});
