import type { FastifyBaseLogger as Logger } from 'fastify';
import type { InboxConversation, InboxEvent, MessageView } from '@fio/contracts';
import type { Db } from '../../storage/index.ts';
import type { EventBus } from '../event-bus.ts';
import { countUnreadPerViewer } from './count-unread-per-viewer.ts';
import type { Audience, FeedEntry, LiveFeed } from './live-feed.ts';
import type { SightCache } from './sight-cache.ts';

/** One row of the conversation list as the viewer sees it (helper Q1's loader in inbox/index.ts). */
export type LoadInboxConversation = (
  db: Db,
  workspaceId: string,
  conversationId: string,
  viewerUserId: string | null,
) => Promise<InboxConversation | null>;

export interface InboxFanOutDeps {
  db: Db;
  bus: EventBus;
  feed: LiveFeed;
  sight: SightCache;
  log: Logger;
  loadInboxConversation: LoadInboxConversation;
}

interface Prepared {
  workspaceId: string;
  event: InboxEvent;
  audience: Audience;
  unread?: FeedEntry['unread'];
}

/**
 * Turns the bus's after-commit events into inbox frames. Preparing a frame may read the database
 * (who holds the conversation, its list row), and those reads may finish out of order on PostgreSQL's
 * pool, so frames are prepared concurrently but published in the order the bus emitted them.
 */
export function fanOutBusEvents(deps: InboxFanOutDeps): () => void {
  let tail: Promise<void> = Promise.resolve();
  const inOrder = (what: string, prepare: () => Promise<Prepared[]>) => {
    const prepared = prepare().catch((err: unknown) => {
      deps.log.error({ err }, `inbox live frame for ${what} not sent`);
      return [];
    });
    tail = tail.then(async () => {
      for (const p of await prepared) deps.feed.publish(p.workspaceId, p.event, p.audience, p.unread);
    });
  };
  const conversationAudience = async (
    workspaceId: string,
    conversationId: string,
    exceptUserId: string | null = null,
  ): Promise<Extract<Audience, { kind: 'conversation' }> | null> => {
    const sight = await deps.sight.conversation(workspaceId, conversationId);
    if (!sight) return null;
    const restrictedTeamIds = await deps.sight.restrictedTeamIds(workspaceId, sight.teamId);
    return { kind: 'conversation', teamId: sight.teamId, assigneeId: sight.assigneeId, restrictedTeamIds, exceptUserId };
  };

  /** The list row (per-viewer unread) and, when it moved into a restricted team, its removal for the others. */
  const prepareConversation = async (workspaceId: string, conversationId: string): Promise<Prepared[]> => {
    const [row, unread] = await Promise.all([
      deps.loadInboxConversation(deps.db, workspaceId, conversationId, null),
      countUnreadPerViewer(deps.db, workspaceId, conversationId),
    ]);
    if (!row) return [];
    const restrictedTeamIds = await deps.sight.restrictedTeamIds(workspaceId, row.teamId);
    const now = { teamId: row.teamId, assigneeId: row.assigneeId };
    const before = deps.sight.remember(workspaceId, conversationId, { contactId: row.contactId, ...now });
    const frames: Prepared[] = [
      {
        workspaceId,
        event: { kind: 'conversation', conversation: row },
        audience: { kind: 'conversation', ...now, restrictedTeamIds },
        unread,
      },
    ];
    const mayHaveLostSight = before === null || before.teamId !== now.teamId || before.assigneeId !== now.assigneeId;
    if (mayHaveLostSight && now.teamId !== null && restrictedTeamIds.has(now.teamId))
      frames.push({
        workspaceId,
        event: { kind: 'conversation_removed', conversationId },
        audience: { kind: 'lost_sight', now, before, restrictedTeamIds },
      });
    return frames;
  };
  const onConversation = ({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) =>
    inOrder('conversation', () => prepareConversation(workspaceId, conversationId));

  const offs = [
    deps.bus.on('message.stored', ({ workspaceId, message }) => {
      inOrder('message', async (): Promise<Prepared[]> => {
        const [audience, author] = await Promise.all([
          conversationAudience(workspaceId, message.conversationId),
          loadAuthor(deps.db, workspaceId, message),
        ]);
        if (!audience) return [];
        return [
          { workspaceId, event: { kind: 'message', conversationId: message.conversationId, message: { ...message, ...author } }, audience },
        ];
      });
      // Every message changes the row (last message, unread, waiting since): it follows the message.
      onConversation({ workspaceId, conversationId: message.conversationId });
    }),
    deps.bus.on('conversation.status', onConversation),
    deps.bus.on('conversation.changed', onConversation),
    deps.bus.on('message.status', ({ workspaceId, conversationId, messageId, status, error }) =>
      inOrder('message status', async (): Promise<Prepared[]> => {
        const audience = await conversationAudience(workspaceId, conversationId);
        return audience ? [{ workspaceId, event: { kind: 'message_status', conversationId, messageId, status, error }, audience }] : [];
      }),
    ),
    deps.bus.on('note.added', ({ workspaceId, note }) =>
      inOrder('note', async (): Promise<Prepared[]> => {
        const audience = await conversationAudience(workspaceId, note.conversationId);
        if (!audience) return [];
        const frames: Prepared[] = [{ workspaceId, event: { kind: 'note', note }, audience }];
        // Mentioning yourself is no news; a mentioned person who may not see the conversation gets nothing.
        const mentioned = note.mentions.filter((id) => id !== note.authorId);
        if (mentioned.length > 0)
          frames.push({ workspaceId, event: { kind: 'mention', note }, audience: { ...audience, onlyUserIds: mentioned } });
        return frames;
      }),
    ),
    deps.bus.on('conversation.typing', ({ workspaceId, conversationId, who, userId, on }) =>
      inOrder('typing', async (): Promise<Prepared[]> => {
        const audience = await conversationAudience(workspaceId, conversationId, who === 'agent' ? userId : null);
        return audience ? [{ workspaceId, event: { kind: 'typing', conversationId, who, userId, on }, audience }] : [];
      }),
    ),
    deps.bus.on('agent.presence', ({ workspaceId, userId, presence }) =>
      inOrder('presence', async () => [{ workspaceId, event: { kind: 'presence', userId, presence }, audience: { kind: 'workspace' } }]),
    ),
    deps.bus.on('sla.alert', ({ workspaceId, conversationId, timer, state, dueAt }) =>
      inOrder('sla', async (): Promise<Prepared[]> => {
        const audience = await conversationAudience(workspaceId, conversationId);
        return audience ? [{ workspaceId, event: { kind: 'sla', conversationId, timer, state, dueAt }, audience }] : [];
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}

/** Who wrote an agent message (the customer's and the bot's have no person behind them). */
async function loadAuthor(
  db: Db,
  workspaceId: string,
  message: MessageView,
): Promise<{ authorId: string | null; authorName: string | null }> {
  if (message.author !== 'agent') return { authorId: null, authorName: null };
  const row = await db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .select(['messages.author_id as authorId', 'users.name as authorName'])
    .where('messages.workspace_id', '=', workspaceId)
    .where('messages.id', '=', message.id)
    .executeTakeFirst();
  return { authorId: row?.authorId ?? null, authorName: row?.authorName ?? null };
}
