import { createHash } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { LoadedWorkspace } from '../../workspace-registry.ts';

/** The same id at every start (and on every node) for one workspace's integration. */
export function fileSubscriptionId(workspaceId: string, integrationId: string): string {
  return `whs_file_${createHash('sha256').update(`${workspaceId}\u0000${integrationId}`).digest('hex').slice(0, 20)}`;
}

/**
 * Mirrors workspace.yaml's `integrations[].webhook` into webhook_subscriptions (source `file`) at
 * start-up: created or updated under a deterministic id; one whose integration lost its webhook is
 * paused, not deleted, so its delivery log stays readable.
 */
export async function syncFileWebhookSubscriptions(
  db: Db,
  box: SecretBox,
  workspaces: readonly LoadedWorkspace[],
  now: string,
): Promise<void> {
  for (const ws of workspaces) {
    const declared = new Set<string>();
    for (const integration of ws.definition.integrations) {
      if (!integration.webhook) continue;
      const id = fileSubscriptionId(ws.id, integration.id);
      declared.add(id);
      const values = {
        integration_id: integration.id,
        url: integration.webhook.url,
        secret_enc: box.seal(integration.webhook.secret),
        events_json: JSON.stringify(integration.webhook.events),
        active: 1,
        updated_at: now,
      };
      const existing = await db.selectFrom('webhook_subscriptions').select('id').where('id', '=', id).executeTakeFirst();
      if (existing) await db.updateTable('webhook_subscriptions').set(values).where('id', '=', id).execute();
      else
        await db
          .insertInto('webhook_subscriptions')
          .values({ ...values, id, workspace_id: ws.id, source: 'file', created_at: now })
          .execute();
    }
    const stale = await db
      .selectFrom('webhook_subscriptions')
      .select('id')
      .where('workspace_id', '=', ws.id)
      .where('source', '=', 'file')
      .where('active', '=', 1)
      .execute();
    const gone = stale.map((s) => s.id).filter((id) => !declared.has(id));
    if (gone.length > 0)
      await db.updateTable('webhook_subscriptions').set({ active: 0, updated_at: now }).where('id', 'in', gone).execute();
  }
}
