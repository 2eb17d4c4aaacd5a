import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import { createSession, type NewSession } from './session.repository.ts';

/**
 * Signs a person in, in the caller's transaction: a new session and its agent.signed_in event, so
 * every way in (password, accepted invite) leaves the same trail.
 */
export async function openSession(
  tx: DbOrTx,
  input: { workspaceId: string; userId: string; ttlMs: number; rehashed: boolean },
  meta: { ip: string | null; userAgent: string | null },
  now: Date,
): Promise<NewSession> {
  const { workspaceId, userId, ttlMs } = input;
  const opened = await createSession(tx, { workspaceId, userId, ttlMs, ip: meta.ip, userAgent: meta.userAgent }, now);
  await appendEvents(tx, [
    {
      workspaceId,
      type: 'agent.signed_in',
      payload: { userId, ip: meta.ip, rehashed: input.rehashed },
      occurredAt: now.toISOString(),
    },
  ]);
  return opened;
}
