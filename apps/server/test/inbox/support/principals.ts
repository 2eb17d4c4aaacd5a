import type { Principal, Role } from '../../../src/http/auth.ts';

/** A signed-in person as the routes see them (tests call the query functions directly). */
export function personPrincipal(workspaceId: string, userId: string, role: Role = 'agent', teamIds: string[] = []): Principal {
  return { workspaceId, role, tokenId: `session:${userId}`, userId, teamIds, via: 'session', name: userId };
}

/** An API token: no one, so nothing is "mine" and nothing unread. */
export function tokenPrincipal(workspaceId: string, role: Role = 'admin'): Principal {
  return { workspaceId, role, tokenId: 'tok_test', userId: null, teamIds: [], via: 'token', name: 'API' };
}
