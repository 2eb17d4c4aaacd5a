import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Transact } from '../storage/index.ts';
import type { WorkspaceRegistry } from '../workspace-registry.ts';
import type { SessionCache } from './session-cache.ts';
import type { SessionCookieSettings } from './session-cookie.ts';

/** What the people-and-sign-in module needs from the app (built in app.ts). */
export interface AgentDeps {
  db: Db;
  transact: Transact;
  clock: () => Date;
  log: Logger;
  workspaces: WorkspaceRegistry;
  sessions: SessionCache;
  /** Idle lifetime of a session (FIO_SESSION_TTL_HOURS). */
  sessionTtlMs: number;
  cookie: SessionCookieSettings;
  /** Where links in e-mails point: FIO_PUBLIC_URL, else the address Fio listens on (known after start). */
  publicBase: () => string;
  /** A `mail` job was written: send it soon. */
  wakeMail: () => void;
}
