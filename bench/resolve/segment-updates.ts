import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { updateContact } from '../../apps/server/src/contacts/profile/update-contact.ts';
import { recordBusinessEvents } from '../../apps/server/src/contacts/profile/record-business-events.ts';
import type { ProfileWriterDeps } from '../../apps/server/src/contacts/profile/profile-deps.ts';
import { createSegmentService, segmentsFileSchema, type SegmentDefinition } from '../../apps/server/src/contacts/segments/index.ts';
import type { DatabaseHandle } from '../../apps/server/src/storage/index.ts';
import { workspaceFileSchema } from '../../apps/server/src/workspace/index.ts';
import { createWorkspaceRegistry } from '../../apps/server/src/workspace-registry.ts';
import { contactIdAt, type SeedClock } from './seed-database.ts';
import { hash32, personAt, plans } from './synthetic-people.ts';

const demoDir = new URL('../../workspaces/demo/', import.meta.url).pathname;

/** Beside the demo's segments, one on an attribute and one on a tag, so attribute changes have work to do. */
const benchSegments: SegmentDefinition[] = [
  { id: 'bench-premium-plan', name: { 'pt-BR': 'Plano premium' }, when: { attribute: 'plan', equals: 'premium' } },
  {
    id: 'bench-sao-paulo-vip',
    name: { 'pt-BR': 'VIP de São Paulo' },
    when: { all: [{ attribute: 'city', equals: 'São Paulo' }, { tag: 'vip' }] },
  },
];

export type SegmentUpdateKind = 'business_event' | 'attribute_change';
export const segmentUpdateKinds: readonly SegmentUpdateKind[] = ['business_event', 'attribute_change'];

const events = ['cart_updated', 'page_viewed', 'order_placed'] as const;

/**
 * The segments service of the app (createSegmentService) with the demo's segments.yaml plus the two
 * above, and the writers the API runs: POST /api/v1/events (recordBusinessEvents, one transaction per
 * event: the timeline row, its domain event, the refresh) and a contact attribute change (updateContact
 * in a transaction of its own, which refreshes the segments reading attributes). The contacts touched
 * are evaluated once first, untimed, so a timed refresh is the incremental one of a steady state.
 */
export async function prepareSegmentUpdates(
  handle: DatabaseHandle,
  workspaceId: string,
  definitions: readonly SegmentDefinition[],
  n: number,
  clock: SeedClock,
  now: () => string,
) {
  const segments = createSegmentService({ db: handle.db, transact: handle.transact, clock: () => new Date(now()) });
  await segments.syncFileSegments(workspaceId, definitions);
  const workspaces = createWorkspaceRegistry();
  workspaces.set({ id: workspaceId, slug: 'bench-resolve', definition: readDemoSettings() });
  const deps: ProfileWriterDeps = { segments, workspaces, transact: handle.transact };

  let draw = Date.now() % 1_000_000;
  let sent = 0;
  const next = () => hash32(draw++, 777);

  /** Contacts the samples touch (a pool, so each is evaluated once before the timing). */
  const pool = (size: number): number[] => Array.from({ length: Math.min(size, n) }, () => next() % n);

  const warm = async (indices: readonly number[]) => {
    for (let from = 0; from < indices.length; from += 200) {
      const ids = indices.slice(from, from + 200).map((i) => contactIdAt(i, n, clock));
      await handle.transact((tx) => segments.reevaluate(tx, workspaceId, ids, now()));
    }
  };

  const businessEvent = async (i: number) => {
    const p = personAt(i);
    const name = events[next() % events.length]!;
    // The business's systems know the customer by phone or e-mail; by Fio's id when they have neither.
    const contact = p.phone ? { phone: p.phone } : p.email ? { email: p.email } : { id: contactIdAt(i, n, clock) };
    const properties = name === 'page_viewed' ? { url: `/produto/${next() % 5000}` } : { value: (next() % 50_000) / 100, currency: 'BRL' };
    const [result] = await recordBusinessEvents(deps, {
      workspaceId,
      items: [{ name, contact, properties, ...(name === 'order_placed' ? { id: `bench-${draw}-${sent++}` } : {}) }],
      now: now(),
    });
    if (result?.status !== 'recorded') throw new Error(`bench: event not recorded: ${JSON.stringify(result)}`);
  };

  // The attribute the timed change writes is the plan (a select field of the demo). Not the city: a
  // city or name change also looks for merge suggestions by name and city, a scan of the workspace's
  // contacts (seconds at a million), reported apart rather than drowning the refresh timed here.
  const planOf = new Map<number, string>();
  const attributeChange = async (i: number) => {
    // Always another plan than the contact's (as seeded, then as this run set it): a real change.
    const current = planOf.get(i) ?? personAt(i).plan;
    const plan = plans[(plans.indexOf(current) + 1 + (next() % (plans.length - 1))) % plans.length]!;
    planOf.set(i, plan);
    const result = await handle.transact((tx) =>
      updateContact(tx, deps, {
        workspaceId,
        contactId: contactIdAt(i, n, clock),
        profile: { attributes: { plan } },
        source: 'api',
        identitySource: 'api',
        whenIdentityTaken: 'refuse',
        now: now(),
      }),
    );
    if (!result.ok) throw new Error(`bench: attribute change refused: ${JSON.stringify(result.errors)}`);
  };

  const run = (kind: SegmentUpdateKind, i: number) => (kind === 'business_event' ? businessEvent(i) : attributeChange(i));

  return { deps, segmentIds: definitions.map((d) => d.id), pool, warm, run, stop: () => segments.stop() };
}
export type SegmentUpdates = Awaited<ReturnType<typeof prepareSegmentUpdates>>;

/** The demo's segments.yaml and the bench's attribute and tag segments. */
export function segmentDefinitions(): SegmentDefinition[] {
  return [...readDemoSegments(), ...benchSegments];
}

function readDemoSegments(): SegmentDefinition[] {
  const file = join(demoDir, 'segments.yaml');
  if (!existsSync(file)) {
    console.log(`  (no ${file}: the bench's own segments only)`);
    return [];
  }
  return segmentsFileSchema.parse(parse(readFileSync(file, 'utf8'))).segments;
}

/** The demo's settings (its contact fields type the attributes); channels are left out, they need secrets. */
function readDemoSettings() {
  const text = readFileSync(join(demoDir, 'workspace.yaml'), 'utf8');
  const settings = text.slice(0, text.indexOf('\nchannels:'));
  return workspaceFileSchema.parse({ ...(parse(settings) as Record<string, unknown>), channels: [] });
}
