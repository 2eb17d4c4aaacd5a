import { resolveContact } from '../../apps/server/src/contacts/index.ts';
import { appendEvents } from '../../apps/server/src/events/event-log.ts';
import type { MergeDeps } from '../../apps/server/src/contacts/merge/merge-deps.ts';
import type { DatabaseHandle } from '../../apps/server/src/storage/index.ts';
import type { ResolveSample } from './resolve-mix.ts';

/**
 * One sender resolved the way the ingest does it: in a unit of work of the database's transact (group
 * commit on SQLite), with the app's segment service refreshing what a new contact or identity changes,
 * and the domain events the ingest would append with it.
 */
export async function resolveInTransaction(
  handle: DatabaseHandle,
  deps: MergeDeps,
  workspaceId: string,
  sample: ResolveSample,
  now: string,
): Promise<void> {
  await handle.transact(async (tx) => {
    const { events } = await resolveContact(tx, deps, { workspaceId, claims: sample.claims, profile: sample.profile, now });
    await appendEvents(tx, events);
  });
}
