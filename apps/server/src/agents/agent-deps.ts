import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db, Transact, DbOrTx } from '../storage/index.ts';
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
  /**
   * Staffing changed (a team's members or settings, a person's role, skills, capacity or status): the
   * handoff module asks for a routing pass and takes a disabled person's conversations back to the
   * queue, in the change's transaction. The returned function is called after commit (live updates).
   */
  staffChanged: (tx: DbOrTx, change: { workspaceId: string; now: Date; disabledUserId?: string }) => Promise<() => void>;
}
