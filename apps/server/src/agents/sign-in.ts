import { appendEvents } from '../events/event-log.ts';
import { AppError } from '../http/app-error.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../security/credentials.ts';
import type { AgentDeps } from './agent-deps.ts';
import { openSession } from './open-session.ts';
import type { NewSession } from './session.repository.ts';

/** Wrong passwords in a row that lock an account, and for how long. */
export const maxFailedSignIns = 5;
export const lockoutMs = 15 * 60_000;

export interface SignInInput {
  email: string;
  password: string;
  workspace?: string | undefined;
}

export interface SignedIn {
  workspaceId: string;
  userId: string;
  session: NewSession;
}

/**
 * Checks an e-mail and password and opens a session. An unknown e-mail and a wrong password answer
 * alike (401 invalid_credentials) and take as long (a dummy hash is checked); five wrong passwords in
 * a row lock the account for 15 minutes (429 account_locked, details.retryAfterSeconds).
 */
export async function signIn(
  deps: AgentDeps,
  input: SignInInput,
  meta: { ip: string | null; userAgent: string | null },
): Promise<SignedIn> {
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  const workspaceIds = input.workspace ? workspaceIdsNamed(deps, input.workspace) : null;
  const candidates = await deps.db
    .selectFrom('users')
    .select(['id', 'workspace_id', 'password_hash', 'status', 'locked_until', 'failed_sign_ins'])
    .where('email', '=', email)
    .where('status', '=', 'active')
    .$if(workspaceIds !== null, (qb) => qb.where('workspace_id', 'in', workspaceIds?.length ? workspaceIds : ['']))
    .orderBy('created_at')
    .limit(5)
    .execute();
  if (candidates.length === 0) {
    await verifyPassword(input.password, dummyPasswordHash);
    throw new AppError('invalid_credentials', 'wrong e-mail or password');
  }
  const locked = candidates.find((c) => c.locked_until && c.locked_until > now.toISOString());
  if (locked && candidates.length === 1) throw lockedError(locked.locked_until ?? '', now);

  let match: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if (candidate.locked_until && candidate.locked_until > now.toISOString()) continue;
    if (await verifyPassword(input.password, candidate.password_hash)) {
      match = candidate;
      break;
    }
  }
  if (!match) {
    const lockedNow = await recordFailures(deps, candidates, meta.ip, now);
    if (lockedNow) throw lockedError(new Date(now.getTime() + lockoutMs).toISOString(), now);
    throw new AppError('invalid_credentials', 'wrong e-mail or password');
  }

  const user = match;
  const rehash = needsRehash(user.password_hash) ? await hashPassword(input.password) : null;
  const session = await deps.transact(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null, ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .execute();
    return openSession(
      tx,
      { workspaceId: user.workspace_id, userId: user.id, ttlMs: deps.sessionTtlMs, rehashed: rehash !== null },
      meta,
      now,
    );
  });
  return { workspaceId: user.workspace_id, userId: user.id, session };
}

/** Counts a wrong password against each candidate account; true when one of them got locked by it. */
async function recordFailures(
  deps: AgentDeps,
  candidates: { id: string; workspace_id: string; locked_until: string | null }[],
  ip: string | null,
  now: Date,
): Promise<boolean> {
  return deps.transact(async (tx) => {
    let lockedAny = false;
    for (const c of candidates) {
      if (c.locked_until && c.locked_until > now.toISOString()) continue;
      await tx
        .updateTable('users')
        .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
        .where('id', '=', c.id)
        .execute();
      const row = await tx.selectFrom('users').select('failed_sign_ins').where('id', '=', c.id).executeTakeFirst();
      const failures = row?.failed_sign_ins ?? 0;
      const lock = failures >= maxFailedSignIns;
      if (lock) {
        lockedAny = true;
        await tx
          .updateTable('users')
          .set({ failed_sign_ins: 0, locked_until: new Date(now.getTime() + lockoutMs).toISOString() })
          .where('id', '=', c.id)
          .execute();
      }
      await appendEvents(tx, [
        {
          workspaceId: c.workspace_id,
          type: 'agent.sign_in_failed',
          payload: { userId: c.id, ip, failures },
          occurredAt: now.toISOString(),
        },
        ...(lock
          ? [
              {
                workspaceId: c.workspace_id,
                type: 'agent.locked_out' as const,
                payload: { userId: c.id, ip, until: new Date(now.getTime() + lockoutMs).toISOString() },
                occurredAt: now.toISOString(),
              },
            ]
          : []),
      ]);
    }
    return lockedAny;
  });
}

function lockedError(until: string, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  return new AppError('account_locked', 'too many wrong passwords: the account is locked for a while', { retryAfterSeconds });
}

/** A workspace named by slug or id (agencies run many; the sign-in form may say which). */
function workspaceIdsNamed(deps: AgentDeps, name: string): string[] {
  const ws = deps.workspaces.bySlug(name) ?? deps.workspaces.get(name);
  return ws ? [ws.id] : [];
}
