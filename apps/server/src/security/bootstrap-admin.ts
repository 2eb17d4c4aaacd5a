import type { Db } from '../storage/index.ts';
import { newId } from '../storage/index.ts';
import { generateApiToken, generatePassword, hashApiToken, hashPassword } from './credentials.ts';

export interface FirstRunCredentials {
  workspaceSlug: string;
  email: string;
  password: string;
  apiToken: string;
}

/**
 * On the first run of a workspace, creates its admin user and an admin API token. They are stored
 * hashed and returned once, for the CLI to print; they can never be shown again.
 */
export async function bootstrapAdmin(db: Db, workspaceId: string, workspaceSlug: string, now: string): Promise<FirstRunCredentials | null> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  if (existing) return null;
  const email = `admin@${workspaceSlug}.local`;
  const password = generatePassword();
  const apiToken = generateApiToken();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('users')
      .values({
        id: newId('usr'),
        workspace_id: workspaceId,
        email,
        name: 'Admin',
        role: 'admin',
        password_hash: await hashPassword(password),
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('api_tokens')
      .values({
        id: newId('tok'),
        workspace_id: workspaceId,
        name: 'first-run admin token',
        role: 'admin',
        token_hash: hashApiToken(apiToken),
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  });
  return { workspaceSlug, email, password, apiToken };
}

/** Creates an extra API token (used by tests, benchmarks and the CLI). */
export async function createApiToken(db: Db, workspaceId: string, name: string, role: string, now: string): Promise<string> {
  const token = generateApiToken();
  await db
    .insertInto('api_tokens')
    .values({
      id: newId('tok'),
      workspace_id: workspaceId,
      name,
      role,
      token_hash: hashApiToken(token),
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return token;
}
