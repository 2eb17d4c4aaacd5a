import { randomBytes } from 'node:crypto';
import { hashApiToken } from '../security/credentials.ts';
import { newId, type DbOrTx } from '../storage/index.ts';

export type UserTokenKind = 'invite' | 'password_reset';

export const inviteTtlMs = 7 * 24 * 3_600_000;
export const passwordResetTtlMs = 3_600_000;

/**
 * A single-use link token for a person (an invite, a password reset). Only its hash is stored; a new
 * one replaces the unused ones of the same kind, so only the latest e-mail's link works.
 */
export async function issueUserToken(
  tx: DbOrTx,
  input: { workspaceId: string; userId: string; kind: UserTokenKind; ttlMs: number; createdBy: string | null },
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx
    .updateTable('user_tokens')
    .set({ used_at: now.toISOString() })
    .where('workspace_id', '=', input.workspaceId)
    .where('user_id', '=', input.userId)
    .where('kind', '=', input.kind)
    .where('used_at', 'is', null)
    .execute();
  await tx
    .insertInto('user_tokens')
    .values({
      id: newId('utk'),
      workspace_id: input.workspaceId,
      user_id: input.userId,
      kind: input.kind,
      token_hash: hashApiToken(token),
      expires_at: new Date(now.getTime() + input.ttlMs).toISOString(),
      used_at: null,
      created_by: input.createdBy,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/**
 * Uses the token up, once: the conditional update makes two concurrent uses of one link end with one
 * winner. Null when the token is unknown, of another kind, used or expired.
 */
export async function consumeUserToken(
  tx: DbOrTx,
  token: string,
  kind: UserTokenKind,
  now: Date,
): Promise<{ workspaceId: string; userId: string } | null> {
  const hash = hashApiToken(token);
  const row = await tx
    .selectFrom('user_tokens')
    .select(['id', 'workspace_id', 'user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', hash)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at <= now.toISOString()) return null;
  const used = await tx
    .updateTable('user_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return null;
  return { workspaceId: row.workspace_id, userId: row.user_id };
}
