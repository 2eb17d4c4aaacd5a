import type {} from '@fastify/websocket';
import type { FastifyBaseLogger as Logger, FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { InboxClientFrame, InboxServerFrame, Presence } from '@fio/contracts';
import type { Principal } from '../http/auth.ts';
import { AppError } from '../http/app-error.ts';
import { requireVisibleConversation } from '../http/conversation-access.ts';
import type { Db } from '../storage/index.ts';
import type { EventBus } from './event-bus.ts';
import { createAgentTyping, type TypingRelayPort } from './inbox/agent-typing.ts';
import { fanOutBusEvents, type LoadInboxConversation } from './inbox/fan-out-bus-events.ts';
import { isAllowedOrigin } from './inbox/is-allowed-origin.ts';
import { createLiveFeed, type FeedEntry, type LiveFeed, type Subscription } from './inbox/live-feed.ts';
import { mayReceive } from './inbox/may-receive.ts';
import { parseInboxFrame } from './inbox/parse-inbox-frame.ts';
import { createSightCache } from './inbox/sight-cache.ts';
import { detachUpgradeResponse, replaceErrorListeners } from './release-upgrade.ts';

/** Presence from the inbox connection (helper H's handoff/presence.ts service). */
export interface InboxPresence {
  connected(workspaceId: string, userId: string): Promise<void>;
  disconnected(workspaceId: string, userId: string): Promise<void>;
  set(workspaceId: string, userId: string, presence: 'online' | 'away'): Promise<void>;
  list(workspaceId: string): Promise<{ userId: string; presence: Presence }[]>;
}

export interface InboxGatewayDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  clock: () => Date;
  /** FIO_PUBLIC_URL: its origin may open the socket besides the request's own host. */
  publicUrl: string | undefined;
  presence: InboxPresence;
  readSessionPrincipal: (db: Db, cookieHeader: string | undefined, now: Date) => Promise<Principal | null>;
  loadInboxConversation: LoadInboxConversation;
  /** Moves the read mark forward (helper Q1's inbox/index.ts); null when the conversation is gone. */
  markRead: (db: Db, workspaceId: string, conversationId: string, userId: string, seq: number) => Promise<{ changed: boolean } | null>;
  /** Tells the other inboxes and the customer that an agent types (inbox/index.ts createTypingRelay). */
  typingRelay: TypingRelayPort;
  /** Frames a socket may send per minute (bursts up to a quarter of it). */
  framesPerMinute?: number;
  /** Ping interval; a socket that has not answered the previous ping is closed (so dead ones go within 2 intervals). */
  heartbeatMs?: number;
  /** A socket whose unsent frames exceed this is closed: it reconnects and replays from its cursor. */
  maxBufferedBytes?: number;
}

interface Connection {
  socket: WebSocket;
  /** The upgrade request's cookies: the heartbeat re-reads the session with them. */
  cookieHeader: string | undefined;
  principal: Principal | null;
  subscription: Subscription | null;
  /** Live frames that arrived while the welcome and the replay were being sent, in order. */
  pending: FeedEntry[] | null;
  alive: boolean;
  tokens: number;
  refilledAt: number;
}

const closeUnauthorized = 4401;
const closeForbiddenOrigin = 4403;
const closeTooSlow = 1013;
const actingRoles = new Set(['admin', 'supervisor', 'agent']);

/**
 * /ws/inbox: the signed-in inbox's live connection. Authenticated by the session cookie on upgrade
 * (same-origin pages only), it streams the workspace's live feed filtered for the person, replays
 * what a reconnecting inbox missed, and takes typing, presence and read marks from it.
 */
export function createInboxGateway(deps: InboxGatewayDeps): {
  register(app: FastifyInstance): void;
  feed: LiveFeed;
  close(): void;
} {
  const framesPerMinute = deps.framesPerMinute ?? 240;
  const burst = Math.max(10, Math.floor(framesPerMinute / 4));
  const maxBufferedBytes = deps.maxBufferedBytes ?? 4 * 1024 * 1024;
  const feed = createLiveFeed();
  const sight = createSightCache({ db: deps.db });
  const typing = createAgentTyping({ db: deps.db, relay: deps.typingRelay });
  const stopFanOut = fanOutBusEvents({ ...deps, feed, sight });
  const connections = new Set<Connection>();

  const send = (conn: Connection, frame: InboxServerFrame | string) => {
    const { socket } = conn;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) return void socket.close(closeTooSlow, 'too slow: reconnect and catch up');
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  };
  const sendEntry = (conn: Connection, entry: FeedEntry) => {
    if (!conn.principal || !mayReceive(conn.principal, entry.audience)) return;
    send(conn, serializeFor(entry, conn.principal.userId));
  };
  const fail = (conn: Connection, code: string, message: string) => send(conn, { type: 'error', code, message });

  const heartbeat = setInterval(() => {
    const live: Connection[] = [];
    for (const conn of connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
      live.push(conn);
    }
    typing.prune();
    void revalidateAll(live);
  }, deps.heartbeatMs ?? 25_000);
  heartbeat.unref();

  /** One session read at a time: a thousand at once would hold up the frames being fanned out. */
  async function revalidateAll(list: Connection[]) {
    for (const conn of list) if (conn.socket.readyState === conn.socket.OPEN) await revalidate(conn);
  }

  /** A signed-out, disabled or expired session loses its socket too; team changes take effect. */
  async function revalidate(conn: Connection) {
    const principal = await deps.readSessionPrincipal(deps.db, conn.cookieHeader, deps.clock()).catch(() => conn.principal);
    if (!principal) return void conn.socket.close(closeUnauthorized, 'session ended');
    if (conn.principal) conn.principal = principal;
  }

  async function handle(conn: Connection, frame: InboxClientFrame, principal: Principal) {
    switch (frame.type) {
      case 'ping':
        return send(conn, { type: 'pong' });
      case 'hello':
        return hello(conn, frame.since, principal);
      case 'presence':
        if (!principal.userId || !actingRoles.has(principal.role))
          return fail(conn, 'forbidden', 'only people who answer conversations have a presence');
        return deps.presence.set(principal.workspaceId, principal.userId, frame.presence);
      case 'typing': {
        if (!principal.userId || !actingRoles.has(principal.role))
          return fail(conn, 'forbidden', 'this role does not reply to conversations');
        await requireVisibleConversation(deps.db, principal, frame.conversationId);
        return typing.forward(principal.workspaceId, frame.conversationId, principal.userId, frame.on);
      }
      case 'read': {
        if (!principal.userId) return fail(conn, 'forbidden', 'read marks are per person');
        await requireVisibleConversation(deps.db, principal, frame.conversationId);
        const marked = await deps.markRead(deps.db, principal.workspaceId, frame.conversationId, principal.userId, frame.seq);
        if (!marked?.changed) return;
        // The reader's own row (unread 0) reaches all of their tabs; nobody else's count changed.
        const row = await deps.loadInboxConversation(deps.db, principal.workspaceId, frame.conversationId, principal.userId);
        if (!row) return;
        const restrictedTeamIds = await sight.restrictedTeamIds(principal.workspaceId, row.teamId);
        feed.publish(
          principal.workspaceId,
          { kind: 'conversation', conversation: row },
          { kind: 'conversation', teamId: row.teamId, assigneeId: row.assigneeId, restrictedTeamIds, onlyUserIds: [principal.userId] },
        );
        return;
      }
    }
  }

  async function hello(conn: Connection, since: string | undefined, principal: Principal) {
    if (conn.subscription) return fail(conn, 'bad_frame', 'hello was already sent on this connection');
    conn.pending = [];
    conn.subscription = feed.subscribe(principal.workspaceId, since, (entry) => {
      if (conn.pending) conn.pending.push(entry);
      else sendEntry(conn, entry);
    });
    const presence = await deps.presence.list(principal.workspaceId);
    send(conn, { type: 'welcome', cursor: conn.subscription.cursor, resync: conn.subscription.resync, presence });
    for (const entry of conn.subscription.replay) sendEntry(conn, entry);
    const pending = conn.pending;
    conn.pending = null;
    for (const entry of pending) sendEntry(conn, entry);
  }

  function register(app: FastifyInstance) {
    app.get('/ws/inbox', { websocket: true, schema: { hide: true }, preHandler: detachUpgradeResponse }, (socket, req) => {
      const conn: Connection = {
        socket,
        cookieHeader: req.headers.cookie,
        principal: null,
        subscription: null,
        pending: null,
        alive: true,
        tokens: burst,
        refilledAt: Date.now(),
      };
      connections.add(conn);
      let closed = false;
      let counted: Promise<boolean> = Promise.resolve(false);
      // Frames are handled one after another, after authentication: none is lost while it runs.
      let chain: Promise<void> = (async () => {
        if (!isAllowedOrigin(req.headers.origin, req.headers.host, deps.publicUrl))
          return void socket.close(closeForbiddenOrigin, 'origin not allowed');
        const principal = await deps.readSessionPrincipal(deps.db, req.headers.cookie, deps.clock());
        if (!principal) return void socket.close(closeUnauthorized, 'sign in first');
        if (closed) return;
        conn.principal = principal;
        if (principal.userId && actingRoles.has(principal.role)) {
          const userId = principal.userId;
          counted = deps.presence.connected(principal.workspaceId, userId).then(
            () => true,
            (err: unknown) => {
              req.log.warn({ err }, 'inbox presence not recorded');
              return false;
            },
          );
          await counted;
        }
      })().catch((err: unknown) => {
        req.log.error({ err }, 'inbox socket authentication failed');
        socket.close(1011, 'internal error');
      });

      socket.on('message', (data, isBinary) => {
        const now = Date.now();
        conn.tokens = Math.min(burst, conn.tokens + ((now - conn.refilledAt) / 60_000) * framesPerMinute);
        conn.refilledAt = now;
        if (conn.tokens < 1) return fail(conn, 'rate_limited', 'too many frames, slow down');
        conn.tokens -= 1;
        const parsed = parseInboxFrame(toBuffer(data), isBinary);
        if (!parsed.ok) return fail(conn, parsed.code, parsed.message);
        const frame = parsed.frame;
        chain = chain.then(async () => {
          const principal = conn.principal;
          if (closed || !principal) return;
          if (!conn.subscription && frame.type !== 'hello' && frame.type !== 'ping')
            return fail(conn, 'hello_required', 'send hello first');
          await handle(conn, frame, principal).catch((err: unknown) => {
            if (err instanceof AppError && (err.code === 'conversation_not_found' || err.code === 'forbidden'))
              return fail(conn, err.code, err.message);
            req.log.error({ err, frame: frame.type }, 'inbox frame failed');
            fail(conn, 'internal_error', 'the frame was not handled, retry');
          });
        });
      });
      socket.on('pong', () => {
        conn.alive = true;
      });
      socket.on('close', () => {
        closed = true;
        connections.delete(conn);
        conn.subscription?.unsubscribe();
        const principal = conn.principal;
        void counted.then((wasCounted) => {
          if (!wasCounted || !principal?.userId) return;
          return deps.presence
            .disconnected(principal.workspaceId, principal.userId)
            .catch((err: unknown) => req.log.warn({ err }, 'inbox presence not recorded'));
        });
      });
      replaceErrorListeners(socket, (err) => deps.log.warn({ err, reqId: req.id }, 'inbox socket error'));
    });
  }

  return {
    register,
    feed,
    close() {
      clearInterval(heartbeat);
      stopFanOut();
      for (const conn of connections) conn.socket.close(1001, 'server shutting down');
    },
  };
}

/** The frame's bytes for this viewer: shared by everyone who gets the same ones (made once per entry). */
function serializeFor(entry: FeedEntry, userId: string | null): string {
  let unread = -1;
  if (entry.unread && entry.event.kind === 'conversation')
    unread = (userId === null ? undefined : entry.unread.byUser.get(userId)) ?? entry.unread.others;
  entry.serialized ??= new Map();
  let text = entry.serialized.get(unread);
  if (text === undefined) {
    const event =
      unread >= 0 && entry.event.kind === 'conversation'
        ? { ...entry.event, conversation: { ...entry.event.conversation, unread } }
        : entry.event;
    text = JSON.stringify({ type: 'event', cursor: entry.cursor, event } satisfies InboxServerFrame);
    entry.serialized.set(unread, text);
  }
  return text;
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
