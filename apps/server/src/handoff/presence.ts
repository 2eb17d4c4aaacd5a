import type { Presence } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { requestRouting } from './request-routing.ts';

export interface PresenceService {
  /** An inbox socket of this person opened on this node: the first one makes them online. */
  connected(workspaceId: string, userId: string): Promise<void>;
  /** One closed: the last one makes them offline, and starts the grace period for their conversations. */
  disconnected(workspaceId: string, userId: string): Promise<void>;
  /** The person's own choice: away keeps their conversations but gets no new ones. */
  set(workspaceId: string, userId: string, presence: 'online' | 'away'): Promise<void>;
  list(workspaceId: string): Promise<{ userId: string; presence: Presence }[]>;
}

/** The grace timer of one person (a 'handoff' job): one pending at a time, dropped when they come back. */
export function presenceKey(userId: string): string {
  return `presence:${userId}`;
}

/**
 * Presence from the inbox connections (the /ws/inbox gateway calls it). Connections are counted per
 * person on this node; users.presence is what routing reads. Going offline starts a grace period
 * (FIO_PRESENCE_GRACE_SECONDS): a 'handoff' timer that, if they are still offline when it fires,
 * returns their conversations to the queue. A reconnection within it cancels it.
 */
export function createPresenceService(deps: HandoffDeps & { graceMs: number }): PresenceService {
  const connections = new Map<string, number>();
  const keyOf = (workspaceId: string, userId: string) => `${workspaceId}/${userId}`;

  async function change(workspaceId: string, userId: string, presence: Presence, cause: string): Promise<void> {
    const now = deps.clock();
    const nowIso = now.toISOString();
    const changed = await deps.transact(async (tx) => {
      const before = await tx
        .selectFrom('users')
        .select('presence')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!before) return false;
      if (presence !== 'offline') await cancelGrace(tx, workspaceId, userId);
      if (before.presence === presence) return false;
      await tx
        .updateTable('users')
        .set({ presence, presence_at: nowIso })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', userId)
        .execute();
      await appendEvents(tx, [
        {
          workspaceId,
          type: 'agent.presence_changed',
          payload: { userId, from: before.presence, to: presence, cause },
          occurredAt: nowIso,
        },
      ]);
      if (presence === 'online') await requestRouting(tx, workspaceId, nowIso);
      if (presence === 'offline')
        await enqueueJobs(
          tx,
          [
            {
              workspaceId,
              queue: 'handoff',
              conversationId: presenceKey(userId),
              payload: { kind: 'offline_grace', userId, since: nowIso },
              runAt: new Date(now.getTime() + deps.graceMs).toISOString(),
            },
          ],
          nowIso,
        );
      return true;
    });
    if (!changed) return;
    deps.bus.emit('agent.presence', { workspaceId, userId, presence });
    if (presence === 'online') deps.wake.routing?.();
    if (presence === 'offline') deps.wake.handoff?.();
  }

  return {
    async connected(workspaceId, userId) {
      const key = keyOf(workspaceId, userId);
      const n = (connections.get(key) ?? 0) + 1;
      connections.set(key, n);
      if (n === 1) await change(workspaceId, userId, 'online', 'connected');
    },
    async disconnected(workspaceId, userId) {
      const key = keyOf(workspaceId, userId);
      const n = (connections.get(key) ?? 0) - 1;
      if (n > 0) {
        connections.set(key, n);
        return;
      }
      connections.delete(key);
      await change(workspaceId, userId, 'offline', 'disconnected');
    },
    async set(workspaceId, userId, presence) {
      await change(workspaceId, userId, presence, 'chosen');
    },
    async list(workspaceId) {
      const rows = await deps.db
        .selectFrom('users')
        .select(['id', 'presence'])
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'active')
        .execute();
      return rows.map((r) => ({ userId: r.id, presence: r.presence === 'online' || r.presence === 'away' ? r.presence : 'offline' }));
    },
  };
}

/**
 * After a restart of the one embedded (SQLite) process no inbox connection survives, yet users.presence
 * still says who was online: they are marked offline with the usual grace period, so routing stops
 * giving them work and, unless they reconnect in time, their conversations go back to the queue.
 * (With PostgreSQL other nodes may hold live connections: not done there.)
 */
export async function markEveryoneOffline(
  deps: Pick<HandoffDeps, 'transact' | 'clock'>,
  workspaceId: string,
  graceMs: number,
): Promise<number> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  return deps.transact(async (tx) => {
    const present = await tx
      .selectFrom('users')
      .select(['id', 'presence'])
      .where('workspace_id', '=', workspaceId)
      .where('presence', '!=', 'offline')
      .execute();
    if (present.length === 0) return 0;
    await tx
      .updateTable('users')
      .set({ presence: 'offline', presence_at: nowIso })
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        present.map((u) => u.id),
      )
      .execute();
    await appendEvents(
      tx,
      present.map((u) => ({
        workspaceId,
        type: 'agent.presence_changed' as const,
        payload: { userId: u.id, from: u.presence, to: 'offline', cause: 'restart' },
        occurredAt: nowIso,
      })),
    );
    for (const u of present) await cancelGrace(tx, workspaceId, u.id);
    await enqueueJobs(
      tx,
      present.map((u) => ({
        workspaceId,
        queue: 'handoff' as const,
        conversationId: presenceKey(u.id),
        payload: { kind: 'offline_grace', userId: u.id, since: nowIso },
        runAt: new Date(now.getTime() + graceMs).toISOString(),
      })),
      nowIso,
    );
    return present.length;
  });
}

async function cancelGrace(tx: DbOrTx, workspaceId: string, userId: string): Promise<void> {
  await tx
    .deleteFrom('jobs')
    .where('workspace_id', '=', workspaceId)
    .where('queue', '=', 'handoff')
    .where('conversation_id', '=', presenceKey(userId))
    .where('status', '=', 'pending')
    .execute();
}
