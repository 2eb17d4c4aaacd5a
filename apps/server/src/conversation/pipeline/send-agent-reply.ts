import { fitToCapabilities } from '@fio/channel-kit';
import type { Content, MessageView, ReplyVia } from '@fio/contracts';
import { createConsentRepository } from '../../compliance/index.ts';
import { appendEvents } from '../../events/event-log.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';
import { listReplyRoutes, type ReplyRouteChoice } from '../continuity/list-reply-routes.ts';
import { toMessageView } from '../message.repository.ts';
import { appendOutboundMessages } from '../append-outbound-messages.ts';
import { replyWindow } from '../reply-window.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { noteAgentReply } from '../../handoff/note-agent-reply.ts';

export type AgentReplyResult =
  | { ok: true; messages: MessageView[] }
  | {
      ok: false;
      reason: 'conversation_not_found' | 'no_reply_channel' | 'reply_window_closed' | 'contact_opted_out' | 'channel_not_reachable';
      message: string;
    };

/**
 * A person's reply (an agent, or the business's system through the API): fitted to the reply channel,
 * appended and queued for delivery in one transaction. Refused, with the reason in words, when the
 * channel's reply window is closed for free-form text or the customer opted out of the channel, so the
 * agent knows why instead of watching the message fail. `via` picks another of the customer's channels
 * for this reply (and, when sticky, for the replies after it until the customer writes again).
 */
export async function sendAgentReply(
  deps: PipelineDeps,
  input: {
    workspaceId: string;
    conversationId: string;
    contents: Content[];
    authorTokenId: string;
    via?: ReplyVia | undefined;
    /** The signed-in person who wrote it (messages.author_id); null or absent for an API token. */
    authorId?: string | null;
  },
): Promise<AgentReplyResult> {
  const { workspaceId: ws } = input;
  const conversation = await createConversationRepository(deps.db, ws).get(input.conversationId);
  if (!conversation) return { ok: false, reason: 'conversation_not_found', message: `no conversation ${input.conversationId}` };
  const picked = await pickRoute(deps, conversation, input.via);
  if (!picked.ok) return picked;
  const { connection, address } = picked.route;
  const definition = connection.adapter.definition;
  const now = deps.clock();

  if (definition.honoursOptOutKeywords) {
    const consent = await createConsentRepository(deps.db, ws).current(conversation.contactId, connection.type);
    if (consent?.status === 'withdrawn')
      return {
        ok: false,
        reason: 'contact_opted_out',
        message: `The customer opted out of ${definition.displayName} messages on ${consent.createdAt}; they must opt in again (reply START/VOLTAR) before anything is sent there.`,
      };
  }
  const window = replyWindow(connection.capabilities, picked.route.lastInboundAt, 'agent', now, definition.displayName);
  const locale = typeof conversation.botState['language'] === 'string' ? conversation.botState['language'] : 'pt-BR';
  const fitted = fitToCapabilities(input.contents, connection.capabilities, { locale, withinReplyWindow: window.open });
  if (!fitted.ok) return { ok: false, reason: 'reply_window_closed', message: window.reason ?? fitted.message };

  const nowIso = now.toISOString();
  const stored = await deps.transact(async (tx) => {
    const conversations = createConversationRepository(tx, ws);
    const appended = await appendOutboundMessages(
      tx,
      { workspaceId: ws, conversationId: conversation.id, author: 'agent', connection, address, contents: fitted.contents },
      nowIso,
    );
    const authorId = input.authorId ?? null;
    if (authorId && appended.length > 0)
      await tx
        .updateTable('messages')
        .set({ author_id: authorId })
        .where('workspace_id', '=', ws)
        .where(
          'id',
          'in',
          appended.map((m) => m.id),
        )
        .execute();
    const hold = await noteAgentReply(tx, deps, {
      workspaceId: ws,
      conversationId: conversation.id,
      authorId,
      by: input.authorTokenId,
      at: now,
    });
    if (input.via?.sticky && !picked.route.current)
      await conversations.setReplyRoute(conversation.id, { connectionId: connection.id, channelType: connection.type, address }, nowIso);
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'agent.replied',
        conversationId: conversation.id,
        contactId: conversation.contactId,
        payload: {
          messages: appended.map((m) => m.id),
          tokenId: input.authorTokenId,
          channelType: connection.type,
          ...(input.via ? { via: { connectionId: connection.id, sticky: input.via.sticky === true } } : {}),
        },
        occurredAt: nowIso,
      },
    ]);
    return { appended, hold };
  });
  const views = stored.appended.map(toMessageView);
  for (const view of views) deps.bus.emit('message.stored', { workspaceId: ws, contactId: conversation.contactId, message: view });
  if (stored.hold) {
    deps.bus.emit('conversation.changed', { workspaceId: ws, conversationId: conversation.id, contactId: conversation.contactId });
    if (stored.hold.status)
      deps.bus.emit('conversation.status', {
        workspaceId: ws,
        contactId: conversation.contactId,
        conversationId: conversation.id,
        status: stored.hold.status,
      });
  }
  deps.wake.deliveries();
  return { ok: true, messages: views };
}

type PickedRoute =
  { ok: true; route: ReplyRouteChoice } | { ok: false; reason: 'no_reply_channel' | 'channel_not_reachable'; message: string };

/**
 * The route of this reply: the conversation's own, or the agent's pick among the customer's channels
 * (on a channel type with several ways in, the current route, then the one the customer used last).
 */
async function pickRoute(deps: PipelineDeps, conversation: Conversation, via: ReplyVia | undefined): Promise<PickedRoute> {
  const routes = await listReplyRoutes(deps.db, deps.connections, conversation, { currentOnly: !via });
  if (!via) {
    const current = routes.find((r) => r.current);
    return current
      ? { ok: true, route: current }
      : { ok: false, reason: 'no_reply_channel', message: 'the conversation has no channel to reply on' };
  }
  const wanted = 'connectionId' in via ? `connection ${via.connectionId}` : `a ${via.channelType} connection`;
  const matching = routes
    .filter((r) => ('connectionId' in via ? r.connection.id === via.connectionId : r.connection.type === via.channelType))
    .sort((a, b) => Number(b.current) - Number(a.current) || (b.lastInboundAt ?? '').localeCompare(a.lastInboundAt ?? ''));
  const route = matching[0];
  if (!route)
    return {
      ok: false,
      reason: 'channel_not_reachable',
      message: `the customer cannot be reached on ${wanted}: the workspace has no such connection, or the contact has no identity on it (GET /api/v1/conversations/${conversation.id}/reply-options lists the channels they can be reached on)`,
    };
  return { ok: true, route };
}
