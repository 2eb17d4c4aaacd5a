import { appendEvents } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import type { SegmentRefresher } from '../segments/segment-refresher.ts';

export interface ActivityInput {
  workspaceId: string;
  contactId: string;
  /** `event`: posted by the business's systems; `intent`: recognised by the bot. */
  kind: 'event' | 'intent';
  /** `order_placed`, `cart.abandoned`, an intent id. */
  name: string;
  properties: Record<string, unknown>;
  /** 'api', 'bot', 'import', 'integration:<id>'. */
  source: string;
  /** The sender's idempotency key: the same one twice is stored once. */
  externalId?: string | null | undefined;
  occurredAt: string;
  now: string;
}

export interface RecordedActivity {
  activityId: string;
  contactId: string;
  /** True when the external id was already stored: nothing was written, the stored one is answered. */
  duplicate: boolean;
}

/**
 * Puts one business event or recognised intent on the contact's timeline, in the caller's transaction:
 * the contact_activities row, a `contact.activity_recorded` domain event, and the segment refresh of
 * `activity` (a cart event can put the contact into "abandoned cart"). A repeated external id answers
 * the stored activity and writes nothing.
 */
export async function recordActivity(tx: DbOrTx, deps: { segments: SegmentRefresher }, input: ActivityInput): Promise<RecordedActivity> {
  const externalId = input.externalId ?? null;
  if (externalId !== null) {
    const stored = await tx
      .selectFrom('contact_activities')
      .select(['id', 'contact_id'])
      .where('workspace_id', '=', input.workspaceId)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (stored) return { activityId: String(stored.id), contactId: stored.contact_id, duplicate: true };
  }
  const row = await tx
    .insertInto('contact_activities')
    .values({
      workspace_id: input.workspaceId,
      contact_id: input.contactId,
      kind: input.kind,
      name: input.name,
      properties_json: JSON.stringify(input.properties),
      source: input.source,
      external_id: externalId,
      occurred_at: input.occurredAt,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activityId = String(row.id);
  await appendEvents(tx, [
    {
      workspaceId: input.workspaceId,
      type: 'contact.activity_recorded',
      contactId: input.contactId,
      payload: {
        activityId,
        kind: input.kind,
        name: input.name,
        properties: input.properties,
        source: input.source,
        externalId,
        occurredAt: input.occurredAt,
      },
      occurredAt: input.now,
    },
  ]);
  await deps.segments.refresh(tx, input.workspaceId, [input.contactId], [`activity:${input.kind}:${input.name}`], input.now);
  return { activityId, contactId: input.contactId, duplicate: false };
}
