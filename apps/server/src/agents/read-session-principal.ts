import type { Principal } from '../http/auth.ts';
import { hashApiToken } from '../security/credentials.ts';
import type { DbOrTx } from '../storage/index.ts';
import { readSessionToken } from './session-cookie.ts';
import { loadSession } from './session.repository.ts';

/**
 * The signed-in person of a Cookie header, for the inbox WebSocket (which checks Origin instead of a
 * CSRF token); null when there is no live session.
 */
export async function readSessionPrincipal(db: DbOrTx, cookieHeader: string | undefined, now: Date): Promise<Principal | null> {
  const token = readSessionToken(cookieHeader);
  if (!token) return null;
  return (await loadSession(db, hashApiToken(token), now))?.principal ?? null;
}
