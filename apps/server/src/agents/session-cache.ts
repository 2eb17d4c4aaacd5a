import type { Principal } from '../http/auth.ts';

export interface CachedSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: string;
  lastSeenAt: string;
}

/**
 * Sessions looked up in the last few seconds, by session id (the token's hash), so a busy inbox does
 * not read the database on every request. Entries live at most 5 s; signing out, disabling a person or
 * changing their teams drops theirs at once on this node (other nodes catch up within the 5 s).
 */
export interface SessionCache {
  get(sessionId: string, nowMs: number): CachedSession | null | undefined;
  set(sessionId: string, session: CachedSession | null, nowMs: number): void;
  forgetSession(sessionId: string): void;
  forgetUser(userId: string): void;
  /** Team memberships changed: every cached principal may carry stale team ids. */
  clear(): void;
}

export const sessionCacheMs = 5_000;

export function createSessionCache(maxEntries = 10_000): SessionCache {
  const entries = new Map<string, { session: CachedSession | null; until: number }>();
  return {
    get(sessionId, nowMs) {
      const entry = entries.get(sessionId);
      if (!entry) return undefined;
      if (entry.until < nowMs) {
        entries.delete(sessionId);
        return undefined;
      }
      return entry.session;
    },
    set(sessionId, session, nowMs) {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(sessionId, { session, until: nowMs + sessionCacheMs });
    },
    forgetSession(sessionId) {
      entries.delete(sessionId);
    },
    forgetUser(userId) {
      for (const [id, entry] of entries) if (entry.session?.principal.userId === userId) entries.delete(id);
    },
    clear() {
      entries.clear();
    },
  };
}
