import type { Content } from '@fio/contracts';
import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import type { Conversation } from '../conversation/conversation.repository.ts';
import { readCsat } from '../conversation/engine/read-csat.ts';
import type { Message } from '../conversation/message.repository.ts';
import { normalizeChatText } from '../conversation/nlu/normalize-chat-text.ts';
import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { WorkspaceRegistry } from '../workspace-registry.ts';
import { csatAnswerWindowMs } from './ask-csat.ts';
import { csatContent, csatLanguage } from './csat-text.ts';
import { sendSystemMessage } from './send-system-message.ts';

/**
 * The score in the customer's message when it answers the CSAT question of their last, resolved
 * conversation (asked less than 24 hours ago); null for anything else, which then opens a new one.
 */
export function readCsatAnswer(latest: Conversation | null, content: Content, now: Date): number | null {
  if (!latest || latest.status !== 'resolved' || latest.botState['awaitingCsat'] !== true) return null;
  const askedAt = latest.botState['csatAskedAt'];
  if (typeof askedAt !== 'string' || now.getTime() - Date.parse(askedAt) > csatAnswerWindowMs) return null;
  if (content.kind !== 'text') return null;
  return readCsat(content.text, content.payload ?? null, normalizeChatText(content.text).join(' '));
}

/**
 * Records the score on the conversation that asked (csat.answered), in the inbound transaction that
 * appended the customer's message to it, stops waiting for one, and thanks the customer.
 */
export async function recordCsatAnswer(
  tx: DbOrTx,
  deps: { connections: ConnectionRegistry; workspaces: WorkspaceRegistry },
  conversation: Conversation,
  input: { score: number; messageId: string; now: Date },
): Promise<Message[]> {
  const nowIso = input.now.toISOString();
  const { awaitingCsat: _asked, csatAskedAt: _at, ...rest } = conversation.botState;
  await tx
    .updateTable('conversations')
    .set({ bot_state_json: JSON.stringify(rest) })
    .where('workspace_id', '=', conversation.workspaceId)
    .where('id', '=', conversation.id)
    .execute();
  await appendEvents(tx, [
    {
      workspaceId: conversation.workspaceId,
      type: 'csat.answered',
      conversationId: conversation.id,
      contactId: conversation.contactId,
      payload: { score: input.score, inReplyTo: input.messageId, via: 'resolve' },
      occurredAt: nowIso,
    },
  ]);
  const workspace = deps.workspaces.get(conversation.workspaceId)?.definition;
  if (!workspace) return [];
  const language = csatLanguage(workspace, conversation.botState['language']);
  const thanks = await sendSystemMessage(
    tx,
    deps,
    conversation,
    csatContent(workspace, 'csatThanks', language, conversation.replyChannelType, input.now),
    language,
    input.now,
  );
  return thanks.sent ? thanks.messages : [];
}
