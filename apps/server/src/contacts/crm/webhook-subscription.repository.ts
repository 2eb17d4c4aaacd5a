import type { DbOrTx, WebhookSubscriptionsTable } from '../../storage/index.ts';
import { newId } from '../../storage/index.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { WebhookEventType } from '../../workspace/workspace.schema.ts';

/** A subscription as the API shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  integrationId: string | null;
  url: string;
  events: WebhookEventType[];
  /** `file`: declared in workspace.yaml (read-only in the API); `api`: managed through the API. */
  source: 'file' | 'api';
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookSubscriptionInput {
  url: string;
  secret: string;
  events: WebhookEventType[];
  integrationId: string | null;
  active: boolean;
}

function toSubscription(row: WebhookSubscriptionsTable): WebhookSubscription {
  return {
    id: row.id,
    integrationId: row.integration_id,
    url: row.url,
    events: JSON.parse(row.events_json) as WebhookEventType[],
    source: row.source === 'file' ? 'file' : 'api',
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The workspace's webhook subscriptions; secrets are sealed on the way in and never read back out here. */
export function createWebhookSubscriptionRepository(db: DbOrTx, workspaceId: string, box: SecretBox) {
  return {
    async list(): Promise<WebhookSubscription[]> {
      const rows = await db.selectFrom('webhook_subscriptions').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
      return rows.map(toSubscription);
    },

    async get(id: string): Promise<WebhookSubscription | null> {
      const row = await db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSubscription(row) : null;
    },

    async create(input: WebhookSubscriptionInput, now: string): Promise<WebhookSubscription> {
      const row: WebhookSubscriptionsTable = {
        id: newId('whs'),
        workspace_id: workspaceId,
        integration_id: input.integrationId,
        url: input.url,
        secret_enc: box.seal(input.secret),
        events_json: JSON.stringify(input.events),
        source: 'api',
        active: input.active ? 1 : 0,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('webhook_subscriptions').values(row).execute();
      return toSubscription(row);
    },

    async update(id: string, change: Partial<WebhookSubscriptionInput>, now: string): Promise<WebhookSubscription | null> {
      await db
        .updateTable('webhook_subscriptions')
        .set({
          ...(change.url !== undefined ? { url: change.url } : {}),
          ...(change.secret !== undefined ? { secret_enc: box.seal(change.secret) } : {}),
          ...(change.events !== undefined ? { events_json: JSON.stringify(change.events) } : {}),
          ...(change.integrationId !== undefined ? { integration_id: change.integrationId } : {}),
          ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return this.get(id);
    },

    /** Removes the subscription and its delivery log; jobs still queued for it find nothing and end. */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('webhook_deliveries').where('workspace_id', '=', workspaceId).where('subscription_id', '=', id).execute();
      await db.deleteFrom('webhook_subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    },
  };
}
export type WebhookSubscriptionRepository = ReturnType<typeof createWebhookSubscriptionRepository>;
