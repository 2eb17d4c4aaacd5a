import { createHash } from 'node:crypto';
import type { ContactFactKind } from './segment-refresher.ts';
import { parseDuration, type SegmentCondition, type SegmentDefinition } from './segment-definition.ts';

/** One timeline series a segment reads: recognised intents or business events of one name. */
export interface ActivityNeed {
  kind: 'event' | 'intent';
  name: string;
  /** The widest `within` of the conditions on it; null when one reads the whole history. */
  windowMs: number | null;
  /** Some condition filters by properties (`where`), so they are loaded too. */
  properties: boolean;
}

/** What evaluating a set of segments reads, so a refresh loads only those facts. */
export interface FactNeeds {
  contactFields: boolean;
  activities: Map<string, ActivityNeed>;
  /** null: no condition on conversations; 'all' or the widest window. */
  conversations: number | 'all' | null;
}

export interface CompiledSegment {
  id: string;
  source: 'file' | 'api';
  version: string;
  computedVersion: string | null;
  definition: SegmentDefinition;
  /** The kinds of contact facts whose change can change this segment's membership. */
  reads: ReadonlySet<ContactFactKind>;
  needs: FactNeeds;
}

export function activityKey(kind: 'event' | 'intent', name: string): string {
  return `${kind}\u0000${name}`;
}

/** A content hash of the definition: the membership of a new version is recomputed for every contact. */
export function segmentVersion(definition: SegmentDefinition): string {
  return createHash('sha256').update(stableJson(definition.when)).digest('hex').slice(0, 32);
}

export function compileSegment(row: {
  id: string;
  source: string;
  version: string;
  computedVersion: string | null;
  definition: SegmentDefinition;
}): CompiledSegment {
  const reads = new Set<ContactFactKind>(['merge']);
  const needs: FactNeeds = { contactFields: false, activities: new Map(), conversations: null };
  collect(row.definition.when, reads, needs);
  return { ...row, source: row.source === 'api' ? 'api' : 'file', reads, needs };
}

/** Everything a group of segments reads, merged (widest windows win). */
export function mergeNeeds(segments: readonly CompiledSegment[]): FactNeeds {
  const out: FactNeeds = { contactFields: false, activities: new Map(), conversations: null };
  for (const { needs } of segments) {
    out.contactFields ||= needs.contactFields;
    for (const need of needs.activities.values()) addActivity(out, need);
    out.conversations = widest(out.conversations, needs.conversations);
  }
  return out;
}

function collect(condition: SegmentCondition, reads: Set<ContactFactKind>, needs: FactNeeds): void {
  for (const group of [condition.all, condition.any, condition.none]) for (const child of group ?? []) collect(child, reads, needs);
  if (condition.attribute !== undefined) {
    reads.add('attributes');
    needs.contactFields = true;
  }
  if (condition.tag !== undefined) {
    reads.add('tags');
    needs.contactFields = true;
  }
  if (condition.profile !== undefined) {
    reads.add('profile');
    needs.contactFields = true;
  }
  // Creation time never changes; `profile` is what a writer passes when it creates a contact.
  if (condition.createdWithin !== undefined) reads.add('profile');
  const named = condition.event !== undefined ? ('event' as const) : condition.intent !== undefined ? ('intent' as const) : null;
  const name = condition.event ?? condition.intent;
  if (named && name !== undefined) {
    reads.add('activity');
    reads.add(`activity:${named}:${name}`);
    if (condition.after) reads.add(`activity:event:${condition.after}`);
    const windowMs = condition.within ? parseDuration(condition.within) : null;
    addActivity(needs, { kind: named, name, windowMs, properties: condition.where !== undefined });
    if (condition.after) addActivity(needs, { kind: 'event', name: condition.after, windowMs: null, properties: false });
  }
  if (condition.conversations) {
    reads.add('conversations');
    const windowMs = condition.conversations.within ? parseDuration(condition.conversations.within) : null;
    needs.conversations = widest(needs.conversations, windowMs ?? 'all');
  }
}

function addActivity(needs: FactNeeds, need: ActivityNeed): void {
  const key = activityKey(need.kind, need.name);
  const seen = needs.activities.get(key);
  if (!seen) {
    needs.activities.set(key, { ...need });
    return;
  }
  seen.windowMs = seen.windowMs === null || need.windowMs === null ? null : Math.max(seen.windowMs, need.windowMs);
  seen.properties ||= need.properties;
}

function widest(a: number | 'all' | null, b: number | 'all' | null): number | 'all' | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a === 'all' || b === 'all') return 'all';
  return Math.max(a, b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
