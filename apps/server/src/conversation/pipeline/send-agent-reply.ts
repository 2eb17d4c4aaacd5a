import { fitToCapabilities } from '@fio/channel-kit';
import type { Content, MessageView } from '@fio/contracts';
import { createConsentRepository } from '../../compliance/index.ts';
import { appendEvents } from '../../events/event-log.ts';
import { enqueueJobs } from '../../jobs/job-queue.ts';
import { createConversationRepository } from '../conversation.repository.ts';
import { createMessageRepository, toMessageView, type Message } from '../message.repository.ts';
import { replyWindow } from '../reply-window.ts';
import type { PipelineDeps } from './pipeline-deps.ts';

export type AgentReplyResult =
  | { ok: true; messages: MessageView[] }
  | { ok: false; reason: 'conversation_not_found' | 'no_reply_channel' | 'reply_window_closed' | 'contact_opted_out'; message: string };

/**
 * A person's reply (an agent, or the business's system through the API): fitted to the reply channel,
 * appended and queued for delivery in one transaction. Refused, with the reason in words, when the
 * channel's reply window is closed for free-form text or the customer opted out of the channel, so the
 * agent knows why instead of watching the message fail.
 */
export async function sendAgentReply(
  deps: PipelineDeps,
  input: { workspaceId: string; conversationId: string; contents: Content[]; authorTokenId: string },
): Promise<AgentReplyResult> {
  const { workspaceId: ws } = input;
  const conversation = await createConversationRepository(deps.db, ws).get(input.conversationId);
  if (!conversation) return { ok: false, reason: 'conversation_not_found', message: `no conversation ${input.conversationId}` };
  const connection = conversation.replyConnectionId ? deps.connections.get(conversation.replyConnectionId) : undefined;
  if (!connection || !conversation.replyAddress)
    return { ok: false, reason: 'no_reply_channel', message: 'the conversation has no channel to reply on' };
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
  const window = replyWindow(connection.capabilities, conversation.lastInboundAt, 'agent', now, definition.displayName);
  const locale = typeof conversation.botState['language'] === 'string' ? conversation.botState['language'] : 'pt-BR';
  const fitted = fitToCapabilities(input.contents, connection.capabilities, { locale, withinReplyWindow: window.open });
  if (!fitted.ok) return { ok: false, reason: 'reply_window_closed', message: window.reason ?? fitted.message };

  const nowIso = now.toISOString();
  const stored = await deps.transact(async (tx) => {
    const conversations = createConversationRepository(tx, ws);
    const messages = createMessageRepository(tx, ws);
    const appended: Message[] = [];
    for (const content of fitted.contents) {
      const seq = await conversations.nextSeq(conversation.id, nowIso, null);
      appended.push(
        await messages.append(
          {
            conversationId: conversation.id,
            seq,
            direction: 'outbound',
            author: 'agent',
            connectionId: connection.id,
            channelType: connection.type,
            content,
            providerMessageId: null,
            replyToMessageId: null,
            status: 'pending',
          },
          nowIso,
        ),
      );
    }
    await enqueueJobs(
      tx,
      appended.map((m) => ({
        workspaceId: ws,
        queue: 'delivery' as const,
        conversationId: conversation.id,
        payload: { messageId: m.id, address: conversation.replyAddress },
      })),
      nowIso,
    );
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'agent.replied',
        conversationId: conversation.id,
        contactId: conversation.contactId,
        payload: { messages: appended.map((m) => m.id), tokenId: input.authorTokenId, channelType: connection.type },
        occurredAt: nowIso,
      },
    ]);
    return appended;
  });
  const views = stored.map(toMessageView);
  for (const view of views) deps.bus.emit('message.stored', { workspaceId: ws, contactId: conversation.contactId, message: view });
  deps.wake.deliveries();
  return { ok: true, messages: views };
}
