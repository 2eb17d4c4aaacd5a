import type { AnyChannelAdapter } from '@fio/channel-kit';
import type { ChannelType } from '@fio/contracts';
import type { Db } from './storage/index.ts';
import { newId } from './storage/index.ts';
import type { SecretBox } from './security/secret-box.ts';
import { formatWorkspaceErrors, loadWorkspace, type WorkspaceDefinition } from './workspace/index.ts';
import type { ConnectionRegistry } from './channels/connection-registry.ts';
import type { WorkspaceRegistry } from './workspace-registry.ts';

export class WorkspaceLoadError extends Error {
  override readonly name = 'WorkspaceLoadError';
}

/** Reads each workspace folder, refusing to start on any error (named by file, line and field). */
export async function loadWorkspaces(
  dirs: string[],
  catalog: ReadonlyMap<ChannelType, AnyChannelAdapter>,
  env: NodeJS.ProcessEnv,
): Promise<WorkspaceDefinition[]> {
  const channelSchemas = new Map(
    [...catalog].map(([type, a]) => [type, { configSchema: a.definition.configSchema, secretsSchema: a.definition.secretsSchema }]),
  );
  const out: WorkspaceDefinition[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    const result = await loadWorkspace(dir, { env, channelSchemas });
    if (result.ok) out.push(result.workspace);
    else problems.push(formatWorkspaceErrors(result.errors));
  }
  const ids = new Set<string>();
  for (const ws of out) {
    for (const ch of ws.channels) {
      if (ids.has(ch.id)) problems.push(`channel id "${ch.id}" is used twice: connection ids must be unique across workspaces`);
      ids.add(ch.id);
    }
  }
  if (problems.length > 0) throw new WorkspaceLoadError(`workspace configuration is invalid:\n${problems.join('\n')}`);
  return out;
}

/**
 * Stores workspaces and their channel connections (secrets sealed) and fills the in-memory registries
 * with decrypted, ready-to-use connection contexts.
 */
export async function syncWorkspaces(
  db: Db,
  definitions: WorkspaceDefinition[],
  catalog: ReadonlyMap<ChannelType, AnyChannelAdapter>,
  box: SecretBox,
  workspaces: WorkspaceRegistry,
  connections: ConnectionRegistry,
  clock: () => Date,
): Promise<void> {
  const now = clock().toISOString();
  for (const def of definitions) {
    const existing = await db.selectFrom('workspaces').select('id').where('slug', '=', def.id).executeTakeFirst();
    const workspaceId = existing?.id ?? newId('ws');
    const settings = JSON.stringify({ ...def, channels: undefined });
    if (existing)
      await db
        .updateTable('workspaces')
        .set({ name: def.name, settings_json: settings, updated_at: now })
        .where('id', '=', workspaceId)
        .execute();
    else
      await db
        .insertInto('workspaces')
        .values({ id: workspaceId, slug: def.id, name: def.name, settings_json: settings, created_at: now, updated_at: now })
        .execute();
    workspaces.set({ id: workspaceId, slug: def.id, definition: def });

    for (const ch of def.channels) {
      const adapter = catalog.get(ch.type);
      if (!adapter) throw new WorkspaceLoadError(`workspace ${def.id}: channel ${ch.id} has unknown type ${ch.type}`);
      const config: unknown = adapter.definition.configSchema.parse(ch.config);
      const secrets: unknown = adapter.definition.secretsSchema.parse(ch.secrets ?? {});
      const owner = await db.selectFrom('channel_connections').select(['workspace_id']).where('id', '=', ch.id).executeTakeFirst();
      if (owner && owner.workspace_id !== workspaceId)
        throw new WorkspaceLoadError(`channel id "${ch.id}" already belongs to another workspace`);
      const row = {
        type: ch.type,
        name: ch.name,
        config_json: JSON.stringify(config),
        secrets_enc: box.seal(JSON.stringify(secrets)),
        status: 'active',
        updated_at: now,
      };
      if (owner) await db.updateTable('channel_connections').set(row).where('id', '=', ch.id).execute();
      else
        await db
          .insertInto('channel_connections')
          .values({ ...row, id: ch.id, workspace_id: workspaceId, created_at: now })
          .execute();
      connections.set({
        id: ch.id,
        workspaceId,
        type: ch.type,
        name: ch.name,
        adapter,
        ctx: { connectionId: ch.id, workspaceId, config, secrets, now: clock },
        capabilities: adapter.definition.capabilities,
      });
    }
  }
}
