import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { IdentityClaim, MessageView, ServerFrame, WidgetIdentity } from '@fio/contracts';
import { hmacSha256Hex, safeEqual, type RealtimePush } from '@fio/channel-kit';
import { frameToInboundEvent, parseClientFrame, verifyWidgetIdentity, type WebchatConfig, type WebchatSecrets } from '@fio/channel-webchat';
import { createContactRepository, normalizeIdentity } from '../contacts/index.ts';
import { createConversationRepository, handleInboundEvent } from '../conversation/index.ts';
import { createMessageRepository, toMessageView } from '../conversation/message.repository.ts';
import type { PipelineDeps } from '../conversation/pipeline/pipeline-deps.ts';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import type { WsErrorCode } from '../http/app-error.ts';
import type { Metrics } from '../observability/metrics.ts';
import { detachUpgradeResponse, replaceErrorListeners } from './release-upgrade.ts';

interface Session {
  connection: ConnectionRuntime;
  visitorId: string;
  claims: IdentityClaim[];
  locale: string | undefined;
  displayName: string | undefined;
  contactId: string | null;
  /** The last typing state passed on to the inbox, and when (throttle). */
  typingOn: boolean;
  typingAt: number;
}

const historyLimit = 100;
const typingRepeatMs = 3_000;

/**
 * The widget's side of /ws: hello → welcome with history, message → ingest → ack, and pushes of
 * replies, typing and status. Sockets are indexed by (connection, visitor) for channel delivery and by
 * contact for everything else that happens in the customer's one conversation.
 */
export function createWidgetGateway(deps: PipelineDeps & { metrics: Metrics; framesPerMinute: number }) {
  const byAddress = new Map<string, Set<WebSocket>>();
  const byContact = new Map<string, Set<WebSocket>>();
  const sessions = new WeakMap<WebSocket, Session>();
  const key = (connectionId: string, address: string) => `${connectionId}\u0000${address}`;
  const add = (map: Map<string, Set<WebSocket>>, k: string, ws: WebSocket) => {
    let set = map.get(k);
    if (!set) map.set(k, (set = new Set()));
    set.add(ws);
  };
  const remove = (map: Map<string, Set<WebSocket>>, k: string, ws: WebSocket) => {
    const set = map.get(k);
    set?.delete(ws);
    if (set?.size === 0) map.delete(k);
  };
  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const realtime: RealtimePush = {
    push(connectionId, address, frame) {
      const set = byAddress.get(key(connectionId, address));
      if (!set) return 0;
      for (const ws of set) send(ws, frame);
      return set.size;
    },
  };

  // Everything stored in the customer's conversation reaches their open widgets, except replies on the
  // webchat channel itself: those arrive through delivery (realtime.push), which records their status.
  deps.bus.on('message.stored', ({ contactId, message }) => {
    if (message.direction === 'outbound' && message.channelType === 'webchat') return;
    for (const ws of byContact.get(contactId) ?? []) send(ws, { type: 'message', message });
  });
  deps.bus.on('conversation.status', ({ contactId, status }) => {
    for (const ws of byContact.get(contactId) ?? []) send(ws, { type: 'status', status });
  });
  deps.bus.on('bot.typing', ({ connectionId, address, on }) => {
    for (const ws of byAddress.get(key(connectionId, address)) ?? []) send(ws, { type: 'typing', on, author: 'bot' });
  });
  // An agent typing in the inbox shows on the customer's open widgets (their one conversation).
  deps.bus.on('conversation.typing', ({ workspaceId, conversationId, who, on }) => {
    if (who !== 'agent' || byContact.size === 0) return;
    void deps.db
      .selectFrom('conversations')
      .select('contact_id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst()
      .then((row) => {
        for (const ws of row ? (byContact.get(row.contact_id) ?? []) : []) send(ws, { type: 'typing', on, author: 'agent' });
      })
      .catch((err: unknown) => deps.log.debug({ err }, 'agent typing not shown on the widget'));
  });

  /**
   * The customer's typing reaches the inbox (bus 'conversation.typing'). A widget may report every
   * keystroke: the same state is passed on at most every few seconds, and only into an open conversation.
   */
  async function forwardCustomerTyping(session: Session, on: boolean) {
    const now = Date.now();
    if (session.typingOn === on && now - session.typingAt < typingRepeatMs) return;
    if (!session.contactId || (!on && !session.typingOn)) return;
    session.typingOn = on;
    session.typingAt = now;
    const conversation = await createConversationRepository(deps.db, session.connection.workspaceId).findOpenForContact(session.contactId);
    if (!conversation) return;
    deps.bus.emit('conversation.typing', {
      workspaceId: session.connection.workspaceId,
      conversationId: conversation.id,
      who: 'contact',
      userId: null,
      on,
    });
  }

  function register(app: FastifyInstance) {
    app.get(
      '/ws',
      {
        websocket: true,
        schema: { hide: true },
        config: { rateLimit: { max: deps.framesPerMinute, timeWindow: '1 minute' } },
        preHandler: detachUpgradeResponse,
      },
      (socket, req) => {
        deps.metrics.wsConnections.inc();
        let session: Session | null = null;
        let tokens = Math.min(30, deps.framesPerMinute);
        let lastRefill = Date.now();
        // Only these two outlive the upgrade: holding `req` in the closures below would keep the whole
        // request (headers, raw message, child logger) alive for every idle session.
        const origin = req.headers.origin;
        const reqId = req.id;
        const fail = (code: WsErrorCode, message: string, clientMessageId?: string) =>
          send(socket, { type: 'error', code, message, ...(clientMessageId ? { clientMessageId } : {}) });
        // Frames of one socket are handled one after another: a visitor's messages are stored in the
        // order they were sent, and a hello never overlaps another.
        let closed = false;
        let chain: Promise<void> = Promise.resolve();
        const serially = (work: () => Promise<void>) => {
          chain = chain.then(() => (closed ? undefined : work()));
        };

        socket.on('message', (data, isBinary) => {
          const now = Date.now();
          tokens = Math.min(30, tokens + ((now - lastRefill) / 60_000) * deps.framesPerMinute);
          lastRefill = now;
          if (tokens < 1) return fail('rate_limited', 'too many frames, slow down');
          tokens -= 1;
          if (isBinary) return fail('bad_frame', 'frames are JSON text');
          const parsed = parseClientFrame(rawDataToBuffer(data));
          if (!parsed.ok) return fail(parsed.code, parsed.message);
          const frame = parsed.frame;
          if (frame.type === 'ping') return send(socket, { type: 'pong' });
          if (frame.type === 'hello') {
            serially(() =>
              hello(frame).catch((err: unknown) => {
                deps.log.error({ err, reqId }, 'widget hello failed');
                fail('internal_error', 'could not open the conversation, retry');
              }),
            );
            return;
          }
          if (frame.type === 'typing') {
            serially(async () => {
              if (!session) return fail('hello_required', 'send hello first');
              await forwardCustomerTyping(session, frame.on).catch((err: unknown) =>
                deps.log.debug({ err, reqId }, 'widget typing not forwarded'),
              );
            });
            return;
          }
          serially(async () => {
            if (!session) return fail('hello_required', 'send hello first');
            const current = session;
            await (async () => {
              const event = frameToInboundEvent(frame, {
                visitorId: current.visitorId,
                verifiedClaims: current.claims,
                locale: current.locale,
                displayName: current.displayName,
              });
              const outcome = await handleInboundEvent(deps, current.connection, event, {
                correlationId: `${reqId}:${frame.clientMessageId}`,
              });
              if (outcome.contactId && outcome.contactId !== current.contactId) {
                // Every tab of this visitor that was where this one was (often: no contact before the first
                // message) now follows the contact, so each sees the whole conversation live.
                const was = current.contactId;
                for (const tab of byAddress.get(key(current.connection.id, current.visitorId)) ?? []) {
                  const s = sessions.get(tab);
                  if (!s || s.contactId !== was) continue;
                  if (s.contactId) remove(byContact, s.contactId, tab);
                  s.contactId = outcome.contactId;
                  add(byContact, outcome.contactId, tab);
                }
              }
              send(socket, {
                type: 'ack',
                clientMessageId: frame.clientMessageId,
                messageId: outcome.messageId,
                seq: outcome.seq ?? 0,
                duplicate: outcome.duplicate,
              });
            })().catch((err: unknown) => {
              deps.log.error({ err, reqId }, 'widget message failed');
              fail('internal_error', 'the message was not stored, it will be resent', frame.clientMessageId);
            });
          });
        });

        async function hello(frame: Extract<ReturnType<typeof parseClientFrame>, { ok: true }>['frame'] & { type: 'hello' }) {
          const connection = deps.connections.get(frame.connectionId);
          if (!connection || connection.type !== 'webchat')
            return fail('unknown_connection', `no webchat connection "${frame.connectionId}"`);
          const config = connection.ctx.config as WebchatConfig;
          if (!originAllowed(config.allowedOrigins, origin))
            return fail('origin_not_allowed', `origin ${origin ?? '(none)'} is not allowed`);
          const identity = verifyIdentity(frame.identity, (connection.ctx.secrets as WebchatSecrets).identitySecret);
          if (!identity.ok)
            return fail(
              'bad_identity',
              identity.reason === 'missing_secret' ? 'this widget accepts no signed identities' : 'the identity signature does not verify',
            );

          if (session) {
            remove(byAddress, key(session.connection.id, session.visitorId), socket);
            if (session.contactId) remove(byContact, session.contactId, socket);
          }
          const contactId = await findContact(connection.workspaceId, frame.visitorId, identity.claims);
          if (closed) return;
          session = {
            connection,
            visitorId: frame.visitorId,
            claims: identity.claims,
            locale: frame.locale,
            displayName: frame.identity?.name,
            contactId,
            typingOn: false,
            typingAt: 0,
          };
          sessions.set(socket, session);
          add(byAddress, key(connection.id, frame.visitorId), socket);
          if (contactId) add(byContact, contactId, socket);

          const conversations = createConversationRepository(deps.db, connection.workspaceId);
          const conversation = contactId
            ? ((await conversations.findOpenForContact(contactId)) ?? (await conversations.findLatestForContact(contactId)))
            : null;
          let history: MessageView[] = [];
          if (conversation) {
            const messages = createMessageRepository(deps.db, connection.workspaceId);
            const list = frame.afterSeq
              ? await messages.listAfter(conversation.id, frame.afterSeq, historyLimit)
              : await messages.listLatest(conversation.id, historyLimit);
            history = list.map(toMessageView);
          }
          const workspace = deps.workspaces.get(connection.workspaceId);
          const locale = frame.locale ?? workspace?.definition.defaultLanguage ?? 'pt-BR';
          send(socket, {
            type: 'welcome',
            conversationId: conversation?.id ?? null,
            status: conversation?.status ?? null,
            history,
            settings: { title: config.title, locale, ...(config.greeting ? { greeting: config.greeting } : {}) },
          });
        }

        socket.on('close', () => {
          closed = true;
          deps.metrics.wsConnections.dec();
          if (!session) return;
          remove(byAddress, key(session.connection.id, session.visitorId), socket);
          if (session.contactId) remove(byContact, session.contactId, socket);
        });
        replaceErrorListeners(socket, (err) => deps.log.warn({ err, reqId }, 'widget socket error'));
      },
    );
  }

  /** The contact this visitor already is: a verified shared identity first, then the visitor id. */
  async function findContact(workspaceId: string, visitorId: string, claims: IdentityClaim[]): Promise<string | null> {
    const repo = createContactRepository(deps.db, workspaceId);
    const normalized = claims.map(normalizeIdentity).filter((c): c is IdentityClaim => c !== null);
    const shared = await repo.findIdentities(normalized);
    if (shared[0]) return shared[0].contactId;
    const visitor = await repo.findIdentities([{ kind: 'webchat_visitor', value: visitorId, verified: false }]);
    return visitor[0]?.contactId ?? null;
  }

  return { realtime, register };
}

/**
 * The host site's signed identity. Without a phone it is the channel's own check (`userId:email`);
 * with one the signature covers `userId:email:phone` and the phone becomes a verified claim too, so
 * a logged-in customer's widget chat joins the contact that has that phone on WhatsApp or SMS.
 */
function verifyIdentity(identity: WidgetIdentity | undefined, identitySecret: string | undefined): ReturnType<typeof verifyWidgetIdentity> {
  if (identity?.phone === undefined) return verifyWidgetIdentity(identity, identitySecret);
  if (!identitySecret) return { ok: false, reason: 'missing_secret' };
  const expected = hmacSha256Hex(identitySecret, `${identity.userId ?? ''}:${identity.email ?? ''}:${identity.phone}`);
  if (!safeEqual(expected, identity.signature.toLowerCase())) return { ok: false, reason: 'bad_signature' };
  const claims: IdentityClaim[] = [];
  if (identity.userId) claims.push({ kind: 'external', value: identity.userId, verified: true });
  if (identity.email) claims.push({ kind: 'email', value: identity.email.toLowerCase(), verified: true });
  claims.push({ kind: 'phone', value: identity.phone, verified: true });
  return { ok: true, claims };
}

function rawDataToBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function originAllowed(allowed: string[], origin: string | undefined): boolean {
  if (allowed.includes('*')) return true;
  if (!origin) return false;
  return allowed.some((a) => a.toLowerCase() === origin.toLowerCase());
}
