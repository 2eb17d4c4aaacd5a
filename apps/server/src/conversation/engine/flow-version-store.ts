import type { Db } from '../../storage/index.ts';
import type { FlowDefinition } from '../flows/index.ts';

/** Keeps every flow version a workspace has loaded, so running conversations can finish on theirs. */
export interface FlowVersionStore {
  save(workspaceId: string, flows: readonly FlowDefinition[], nowIso: string): Promise<void>;
  get(workspaceId: string, flowId: string, version: string): Promise<FlowDefinition | null>;
}

export function createFlowVersionStore(db: Db): FlowVersionStore {
  const cache = new Map<string, FlowDefinition>();
  const key = (ws: string, flowId: string, version: string) => `${ws}\u0000${flowId}\u0000${version}`;
  return {
    async save(workspaceId, flows, nowIso) {
      for (const flow of flows) {
        cache.set(key(workspaceId, flow.id, flow.version), flow);
        await db
          .insertInto('flow_versions')
          .values({
            workspace_id: workspaceId,
            flow_id: flow.id,
            version: flow.version,
            definition_json: JSON.stringify(flow),
            created_at: nowIso,
          })
          .onConflict((oc) => oc.columns(['workspace_id', 'flow_id', 'version']).doNothing())
          .execute();
      }
    },
    async get(workspaceId, flowId, version) {
      const cached = cache.get(key(workspaceId, flowId, version));
      if (cached) return cached;
      const row = await db
        .selectFrom('flow_versions')
        .select('definition_json')
        .where('workspace_id', '=', workspaceId)
        .where('flow_id', '=', flowId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) return null;
      // Written by save() from a validated definition: the stored JSON is trusted like the rest of the database.
      const flow = JSON.parse(row.definition_json) as FlowDefinition;
      cache.set(key(workspaceId, flowId, version), flow);
      return flow;
    },
  };
}
