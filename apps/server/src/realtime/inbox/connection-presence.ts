import type { Presence } from '@fio/contracts';
import type { Db } from '../../storage/index.ts';
import type { EventBus } from '../event-bus.ts';
import type { InboxPresence } from '../inbox-gateway.ts';

/**
 * Presence from inbox connections alone (connections counted per person on this node): the first
 * opens "online", the last closing makes "offline". The handoff module's presence service does this
 * and more (routing, the offline grace period); this one stands in where it is not wired.
 */
export function createConnectionPresence(deps: { db: Db; bus: EventBus; clock: () => Date }): InboxPresence {
  const open = new Map<string, number>();
  const key = (workspaceId: string, userId: string) => `${workspaceId}\u0000${userId}`;
  const write = async (workspaceId: string, userId: string, presence: Presence) => {
    const now = deps.clock().toISOString();
    await deps.db
      .updateTable('users')
      .set({ presence, presence_at: now, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', userId)
      .execute();
    deps.bus.emit('agent.presence', { workspaceId, userId, presence });
  };
  return {
    async connected(workspaceId, userId) {
      const k = key(workspaceId, userId);
      const n = (open.get(k) ?? 0) + 1;
      open.set(k, n);
      if (n === 1) await write(workspaceId, userId, 'online');
    },
    async disconnected(workspaceId, userId) {
      const k = key(workspaceId, userId);
      const n = (open.get(k) ?? 1) - 1;
      if (n > 0) return void open.set(k, n);
      open.delete(k);
      await write(workspaceId, userId, 'offline');
    },
    async set(workspaceId, userId, presence) {
      await write(workspaceId, userId, presence);
    },
    async list(workspaceId) {
      const rows = await deps.db
        .selectFrom('users')
        .select(['id', 'presence'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'active')
        .execute();
      return rows.map((r) => ({ userId: r.id, presence: toPresence(r.presence) }));
    },
  };
}

function toPresence(value: string): Presence {
  return value === 'online' || value === 'away' ? value : 'offline';
}
