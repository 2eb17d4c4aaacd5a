import { randomBytes } from 'node:crypto';
import type { Role } from '@fio/contracts';
import { hashApiToken, hashPassword } from '../../src/security/credentials.ts';
import { newId, type Db } from '../../src/storage/index.ts';

/** The inbox's session cookie: `fio_session=<token>`; the sessions row's id is the token's SHA-256. */
export const sessionCookieName = 'fio_session';

export interface TestAgent {
  userId: string;
  email: string;
  password: string;
  role: Role;
  cookie: string;
  csrfToken: string;
  /** Headers of a signed-in browser: the cookie, and the CSRF token that unsafe methods need. */
  headers: Record<string, string>;
}

/**
 * A person of the workspace, signed in: the user row (active, with its teams by key, created when
 * missing) and a live session, written straight to the database so tests of other features need not
 * go through the sign-in screen.
 */
export async function createAgent(
  db: Db,
  workspaceId: string,
  options: {
    role?: Role;
    name?: string;
    email?: string;
    password?: string;
    teams?: string[];
    skills?: string[];
    capacity?: number;
    presence?: 'online' | 'away' | 'offline';
    now?: Date;
  } = {},
): Promise<TestAgent> {
  const now = (options.now ?? new Date()).toISOString();
  const role = options.role ?? 'agent';
  const userId = newId('usr');
  const email = options.email ?? `${userId}@agents.test`;
  const password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  await db
    .insertInto('users')
    .values({
      id: userId,
      workspace_id: workspaceId,
      email,
      name: options.name ?? `Agent ${userId.slice(-4)}`,
      role,
      password_hash: await hashPassword(password),
      created_at: now,
      status: 'active',
      capacity: options.capacity ?? 5,
      skills_json: JSON.stringify(options.skills ?? []),
      presence: options.presence ?? 'offline',
      presence_at: now,
      updated_at: now,
    })
    .execute();
  for (const key of options.teams ?? []) {
    let team = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirst();
    if (!team) {
      team = { id: newId('team') };
      await db
        .insertInto('teams')
        .values({
          id: team.id,
          workspace_id: workspaceId,
          key,
          name: key,
          routing: 'round_robin',
          restricted: 0,
          required_skills_json: '[]',
          source: 'api',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await db.insertInto('team_members').values({ workspace_id: workspaceId, team_id: team.id, user_id: userId, created_at: now }).execute();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: hashApiToken(token),
      workspace_id: workspaceId,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: new Date(Date.parse(now) + 24 * 3_600_000).toISOString(),
      last_seen_at: now,
      ip: null,
      user_agent: 'test',
      revoked_at: null,
    })
    .execute();
  const cookie = `${sessionCookieName}=${token}`;
  return { userId, email, password, role, cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
