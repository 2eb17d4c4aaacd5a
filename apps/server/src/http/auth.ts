import type { FastifyRequest } from 'fastify';
import type { Db } from '../storage/index.ts';
import { hashApiToken } from '../security/credentials.ts';
import { AppError } from './app-error.ts';

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
  }
}

/** Bearer-token authentication for /api/v1: tokens are stored as SHA-256 hashes, scoped to a workspace. */
export function createAuthenticator(db: Db) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  return async function authenticate(req: FastifyRequest): Promise<void> {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('unauthorized', 'send Authorization: Bearer <token>');
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
            ? { workspaceId: row.workspace_id, role: row.role as Role, tokenId: row.id, userId: null, teamIds: [], via: 'token', name: 'API' }
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
