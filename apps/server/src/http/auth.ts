import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
// The cookie plugin (registered in app.ts) adds reply.setCookie.
import type {} from '@fastify/cookie';
import type { Db } from '../storage/index.ts';
import { hashApiToken } from '../security/credentials.ts';
import { AppError } from './app-error.ts';
import {
  createSessionCache,
  loadSession,
  readSessionToken,
  sessionCookieName,
  sessionCookieOptions,
  toRole,
  touchSession,
  type SessionCache,
  type SessionCookieSettings,
} from '../agents/index.ts';

export type Role = 'admin' | 'supervisor' | 'agent' | 'bot_editor';

export interface Principal {
  workspaceId: string;
  role: Role;
  /** The credential: an API token's id, or for a signed-in person `session:<user id>` (used as the actor). */
  tokenId: string;
  /** The person, when signed in with a session (API tokens are no one). */
  userId: string | null;
  /** The teams the person is a member of (restricted teams' conversations are visible only to them). */
  teamIds: string[];
  /** How the caller authenticated: a bearer token, or the inbox's session cookie (with CSRF checks). */
  via: 'token' | 'session';
  /** Who to show as the author of notes and replies. */
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The inbox session the request came with (set by the authenticator when via is 'session'). */
    signedInSession?: { id: string; csrfToken: string };
  }
}

export interface AuthenticatorOptions {
  clock?: () => Date;
  /** Recently seen sessions (sign-out and disable drop entries from it). */
  sessions?: SessionCache;
  /** Idle lifetime of a session: each use, at most once a minute, moves its expiry this far ahead. */
  sessionTtlMs?: number;
  /** How the session cookie is set again when its expiry slides (Secure or not). */
  cookie?: SessionCookieSettings;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A session's last_seen_at (and sliding expiry) is written at most this often. */
const touchEveryMs = 60_000;

/**
 * Authentication for /api/v1: a bearer API token (stored as a SHA-256 hash, scoped to a workspace),
 * else the inbox's session cookie. Requests that change something with the cookie must echo the
 * session's CSRF token in X-CSRF-Token (a cookie alone is what a forged cross-site form would carry).
 */
export function createAuthenticator(db: Db, options: AuthenticatorOptions = {}) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  const clock = options.clock ?? (() => new Date());
  const sessions = options.sessions ?? createSessionCache();
  const ttlMs = options.sessionTtlMs ?? 12 * 3_600_000;

  async function authenticateSession(req: FastifyRequest, reply: FastifyReply | undefined, token: string): Promise<void> {
    const now = clock();
    const sessionId = hashApiToken(token);
    let session = sessions.get(sessionId, Date.now());
    if (session === undefined) {
      session = await loadSession(db, sessionId, now);
      sessions.set(sessionId, session, Date.now());
    }
    if (!session || session.expiresAt <= now.toISOString()) throw new AppError('unauthorized', 'the session ended: sign in again');
    if (!safeMethods.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !equalInConstantTime(sent, session.csrfToken))
        throw new AppError('csrf_failed', 'send the X-CSRF-Token header of your session');
    }
    if (now.getTime() - Date.parse(session.lastSeenAt) >= touchEveryMs) {
      session.expiresAt = await touchSession(db, sessionId, now, ttlMs);
      // The browser keeps the cookie as long as the session now lasts.
      if (reply && options.cookie)
        void reply.setCookie(sessionCookieName, token, sessionCookieOptions(options.cookie, new Date(session.expiresAt)));
      session.lastSeenAt = now.toISOString();
    }
    req.principal = session.principal;
    req.signedInSession = { id: sessionId, csrfToken: session.csrfToken };
  }

  return async function authenticate(req: FastifyRequest, reply?: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      const token = readSessionToken(req.headers.cookie);
      if (token) return authenticateSession(req, reply, token);
      throw new AppError('unauthorized', 'send Authorization: Bearer <token>, or sign in');
    }
    const hash = hashApiToken(match[1]);
    const now = Date.now();
    let entry = cache.get(hash);
    if (!entry || entry.until < now) {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'workspace_id', 'role', 'revoked_at'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      entry = {
        principal:
          row && !row.revoked_at
            ? {
                workspaceId: row.workspace_id,
                role: toRole(row.role),
                tokenId: row.id,
                userId: null,
                teamIds: [],
                via: 'token',
                name: 'API',
              }
            : null,
        until: now + 10_000,
      };
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, entry);
    }
    if (!entry.principal) throw new AppError('unauthorized', 'unknown or revoked token');
    req.principal = entry.principal;
  };
}

function equalInConstantTime(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The caller, if its role is one of `roles`; otherwise 403 forbidden. */
export function requireRole(req: FastifyRequest, roles: readonly Role[]): Principal {
  const principal = requirePrincipal(req);
  if (!roles.includes(principal.role)) throw new AppError('forbidden', `this needs the role ${roles.join(' or ')}`);
  return principal;
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthorized', 'not authenticated');
  return req.principal;
}
