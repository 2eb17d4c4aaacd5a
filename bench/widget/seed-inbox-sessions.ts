import { randomBytes } from 'node:crypto';
import { hashApiToken } from '../../apps/server/src/security/credentials.ts';
import { newId, openDatabase } from '../../apps/server/src/storage/index.ts';

/**
 * Signed-in admins for the fan-out measurement, written straight into Fio's SQLite database (rows like
 * apps/server/test/support/agents.ts writes; no password: nobody signs in, the cookies are given).
 * Admins see every conversation, so each of them gets every frame. Answers the Cookie headers.
 */
export async function seedInboxSessions(dataDir: string, count: number): Promise<string[]> {
  const database = await openDatabase({ dataDir, databaseUrl: undefined });
  try {
    const workspace = await database.db.selectFrom('workspaces').select('id').where('slug', '=', 'loja-exemplo').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const expires = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const cookies: string[] = [];
    await database.transact(async (tx) => {
      for (let i = 0; i < count; i++) {
        const userId = newId('usr');
        const token = randomBytes(32).toString('base64url');
        await tx
          .insertInto('users')
          .values({
            id: userId,
            workspace_id: workspace.id,
            email: `bench-${i}@agents.invalid`,
            name: `Bench ${i}`,
            role: 'admin',
            password_hash: '!',
            created_at: now,
            status: 'active',
            presence: 'offline',
            presence_at: now,
            updated_at: now,
          })
          .execute();
        await tx
          .insertInto('sessions')
          .values({
            id: hashApiToken(token),
            workspace_id: workspace.id,
            user_id: userId,
            csrf_token: randomBytes(24).toString('base64url'),
            created_at: now,
            expires_at: expires,
            last_seen_at: now,
            ip: null,
            user_agent: 'bench',
            revoked_at: null,
          })
          .execute();
        cookies.push(`fio_session=${token}`);
      }
    });
    return cookies;
  } finally {
    await database.close();
  }
}
