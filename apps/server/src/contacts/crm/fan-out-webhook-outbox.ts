import type { Selectable } from 'kysely';
import type {
  DbOrTx,
  Dialect,
  Transact,
  WebhookDeliveriesTable,
  WebhookOutboxTable,
  WebhookSubscriptionsTable,
} from '../../storage/index.ts';
import { enqueueJobs, type NewJob } from '../../jobs/job-queue.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import { createContactRepository, toContactView } from '../contact.repository.ts';
import { buildWebhookBody, type OutboxEvent, type WebhookContact } from './build-webhook-body.ts';
import type { OutboxPayload } from './write-webhook-outbox.ts';
import { newWebhookDelivery } from './new-webhook-delivery.ts';

export interface FanOutDeps {
  dialect: Dialect;
  transact: Transact;
  workspaces: WorkspaceRegistry;
  clock: () => Date;
}

/**
 * Turns the oldest outbox rows into deliveries, one transaction per batch: for each active subscription
 * of the row's workspace that asked for the event type, except the integration the change came from
 * (echo guard), a delivery log row and a `webhook` job keyed `<subscription>:<contact|conversation|event>`
 * (in order per contact, in parallel across contacts). The rows are deleted in the same transaction, and
 * on PostgreSQL claimed with SKIP LOCKED, so two nodes never fan one row out twice. Returns the rows taken.
 */
export async function fanOutWebhookOutbox(deps: FanOutDeps, limit = 200): Promise<{ rows: number; deliveries: number }> {
  return deps.transact(async (tx) => {
    const rows = await tx
      .selectFrom('webhook_outbox')
      .selectAll()
      .orderBy('id')
      .limit(limit)
      .$if(deps.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (rows.length === 0) return { rows: 0, deliveries: 0 };
    const workspaceIds = [...new Set(rows.map((r) => r.workspace_id))];
    const subscriptions = await tx
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('workspace_id', 'in', workspaceIds)
      .where('active', '=', 1)
      .orderBy('id')
      .execute();
    const now = deps.clock().toISOString();
    const planned: Planned[] = [];
    for (const row of rows) {
      const targets = subscriptions.filter((s) => s.workspace_id === row.workspace_id);
      if (targets.length > 0) planned.push(...(await deliveriesOf(tx, deps.workspaces, row, targets, now)));
    }
    const deliveries = planned.map((p) => p.delivery);
    const jobs = planned.map((p) => p.job);
    await insertDeliveries(tx, deliveries);
    for (let i = 0; i < jobs.length; i += 500) await enqueueJobs(tx, jobs.slice(i, i + 500), now);
    await tx
      .deleteFrom('webhook_outbox')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return { rows: rows.length, deliveries: deliveries.length };
  });
}

interface Planned {
  delivery: WebhookDeliveriesTable;
  job: NewJob;
}

/** The deliveries of one outbox row: one per subscription that wants it, one body per integration. */
async function deliveriesOf(
  tx: DbOrTx,
  workspaces: WorkspaceRegistry,
  row: Selectable<WebhookOutboxTable>,
  subscriptions: readonly WebhookSubscriptionsTable[],
  now: string,
): Promise<Planned[]> {
  const event: OutboxEvent = {
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at,
    contactId: row.contact_id,
    conversationId: row.conversation_id,
    stored: JSON.parse(row.payload_json) as OutboxPayload,
  };
  const targets = subscriptions.filter((s) => wants(s, event));
  if (targets.length === 0) return [];
  const loaded = workspaces.get(row.workspace_id);
  const workspace = { id: row.workspace_id, slug: loaded?.slug ?? row.workspace_id };
  const contact = row.contact_id ? await loadContact(tx, row.workspace_id, row.contact_id) : null;
  // Built once per integration (its mapping and external id), shared by its subscriptions.
  const bodies = new Map<string | null, string>();
  return targets.map((sub) => {
    const integration = loaded?.definition.integrations.find((i) => i.id === sub.integration_id) ?? null;
    let body = bodies.get(integration?.id ?? null);
    if (body === undefined) {
      body = buildWebhookBody(event, workspace, contact, integration);
      bodies.set(integration?.id ?? null, body);
    }
    const delivery = newWebhookDelivery(
      { workspaceId: row.workspace_id, subscriptionId: sub.id, eventId: row.event_id, eventType: row.type, body },
      now,
    );
    const job: NewJob = {
      workspaceId: row.workspace_id,
      queue: 'webhook',
      conversationId: `${sub.id}:${row.contact_id ?? row.conversation_id ?? row.event_id}`,
      payload: { deliveryId: delivery.id },
    };
    return { delivery, job };
  });
}

/** The subscription asked for this event, and the change did not come from its own integration (echo guard). */
function wants(sub: WebhookSubscriptionsTable, event: OutboxEvent): boolean {
  const events = JSON.parse(sub.events_json) as string[];
  if (!events.includes(event.type)) return false;
  return !(sub.integration_id !== null && event.stored.payload['source'] === `integration:${sub.integration_id}`);
}

async function loadContact(tx: DbOrTx, workspaceId: string, contactId: string): Promise<WebhookContact | null> {
  const repo = createContactRepository(tx, workspaceId);
  const contact = await repo.get(contactId);
  return contact ? { contact, view: await toContactView(repo, contact) } : null;
}

async function insertDeliveries(tx: DbOrTx, rows: WebhookDeliveriesTable[]): Promise<void> {
  // Chunks keep each insert under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50)
    await tx
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 50))
      .execute();
}
