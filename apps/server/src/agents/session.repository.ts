import { randomBytes } from 'node:crypto';
import type { Role } from '@fio/contracts';
import type { Principal } from '../http/auth.ts';
import { hashApiToken } from '../security/credentials.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { CachedSession } from './session-cache.ts';

export interface NewSession {
  /** The cookie's value: shown to the browser once, stored only as its hash. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a person: a random token for the cookie and a CSRF token for the page. */
export async function createSession(
  db: DbOrTx,
  input: { workspaceId: string; userId: string; ip: string | null; userAgent: string | null; ttlMs: number },
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = hashApiToken(token);
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      workspace_id: input.workspaceId,
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
      revoked_at: null,
    })
    .execute();
  return { token, sessionId, csrfToken, expiresAt };
}

/**
 * The live session with this id and its person as a Principal; null when unknown, revoked, expired,
 * or when the person is no longer active (disabled, or still only invited).
 */
export async function loadSession(db: DbOrTx, sessionId: string, now: Date): Promise<CachedSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', (join) => join.onRef('users.id', '=', 'sessions.user_id').onRef('users.workspace_id', '=', 'sessions.workspace_id'))
    .select([
      'sessions.workspace_id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.revoked_at',
      'users.role',
      'users.name',
      'users.status',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at <= now.toISOString() || row.status !== 'active') return null;
  const teams = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('workspace_id', '=', row.workspace_id)
    .where('user_id', '=', row.user_id)
    .execute();
  const principal: Principal = {
    workspaceId: row.workspace_id,
    role: toRole(row.role),
    tokenId: `session:${row.user_id}`,
    userId: row.user_id,
    teamIds: teams.map((t) => t.team_id),
    via: 'session',
    name: row.name,
  };
  return { principal, csrfToken: row.csrf_token, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

/** Sliding expiry: a session in use is extended (callers do this at most once a minute). */
export async function touchSession(db: DbOrTx, sessionId: string, now: Date, ttlMs: number): Promise<string> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: expiresAt })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
  return expiresAt;
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of a person (password changed or reset, account disabled), but `except` one. */
export async function revokeUserSessions(db: DbOrTx, workspaceId: string, userId: string, now: Date, except?: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(except !== undefined, (qb) => qb.where('id', '!=', except ?? ''))
    .execute();
}

export function toRole(value: string): Role {
  return value === 'admin' || value === 'supervisor' || value === 'bot_editor' ? value : 'agent';
}
