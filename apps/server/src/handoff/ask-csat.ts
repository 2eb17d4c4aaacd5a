import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import type { Conversation } from '../conversation/conversation.repository.ts';
import type { Message } from '../conversation/message.repository.ts';
import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { WorkspaceRegistry } from '../workspace-registry.ts';
import { csatContent, csatLanguage } from './csat-text.ts';
import { sendSystemMessage } from './send-system-message.ts';

/** How long the customer's score still counts for the conversation that asked. */
export const csatAnswerWindowMs = 24 * 3_600_000;

/**
 * Asks the customer of a conversation just resolved for a score from 1 to 5, in the resolve
 * transaction: the question on the reply channel in the conversation's language, and the bot state
 * marked as waiting for it (with the time asked), so an answer within 24 hours is recorded on this
 * conversation instead of opening a new one (see recordCsatAnswer).
 */
export async function askCsat(
  tx: DbOrTx,
  deps: { connections: ConnectionRegistry; workspaces: WorkspaceRegistry },
  conversation: Conversation,
  now: Date,
): Promise<{ asked: boolean; messages: Message[]; reason: string | null }> {
  const workspace = deps.workspaces.get(conversation.workspaceId)?.definition;
  if (!workspace) return { asked: false, messages: [], reason: 'unknown workspace' };
  const language = csatLanguage(workspace, conversation.botState['language']);
  const sent = await sendSystemMessage(
    tx,
    deps,
    conversation,
    csatContent(workspace, 'csatAsk', language, conversation.replyChannelType, now),
    language,
    now,
  );
  const nowIso = now.toISOString();
  if (sent.sent) {
    const botState = { ...conversation.botState, awaitingCsat: true, csatAskedAt: nowIso };
    await tx
      .updateTable('conversations')
      .set({ bot_state_json: JSON.stringify(botState) })
      .where('workspace_id', '=', conversation.workspaceId)
      .where('id', '=', conversation.id)
      .execute();
  }
  await appendEvents(tx, [
    {
      workspaceId: conversation.workspaceId,
      type: 'csat.requested',
      conversationId: conversation.id,
      contactId: conversation.contactId,
      payload: sent.sent
        ? { language, messages: sent.messages.map((m) => m.id), via: 'resolve' }
        : { language, messages: [], via: 'resolve', notSent: sent.reason },
      occurredAt: nowIso,
    },
  ]);
  return sent.sent ? { asked: true, messages: sent.messages, reason: null } : { asked: false, messages: [], reason: sent.reason };
}
