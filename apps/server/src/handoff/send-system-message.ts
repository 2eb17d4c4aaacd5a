import { fitToCapabilities } from '@fio/channel-kit';
import type { Content } from '@fio/contracts';
import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import { appendOutboundMessages } from '../conversation/append-outbound-messages.ts';
import type { Conversation } from '../conversation/conversation.repository.ts';
import type { Message } from '../conversation/message.repository.ts';
import { replyWindow } from '../conversation/reply-window.ts';
import type { DbOrTx } from '../storage/index.ts';

export type SystemMessageResult = { sent: true; messages: Message[] } | { sent: false; reason: string };

/**
 * Sends Fio's own words (the CSAT question, its thanks) on the conversation's reply channel, in the
 * caller's transaction: fitted to the channel's capabilities (buttons become numbered options where
 * there are none), appended with the next sequence numbers and queued for delivery. Nothing is sent
 * when the channel is gone or its reply window is closed; the reason comes back instead.
 */
export async function sendSystemMessage(
  tx: DbOrTx,
  deps: { connections: ConnectionRegistry },
  conversation: Conversation,
  contents: Content[],
  locale: string,
  now: Date,
): Promise<SystemMessageResult> {
  const connection = conversation.replyConnectionId ? deps.connections.get(conversation.replyConnectionId) : undefined;
  if (!connection || !conversation.replyAddress) return { sent: false, reason: 'the conversation has no reply channel' };
  const window = replyWindow(connection.capabilities, conversation.lastInboundAt, 'bot', now, connection.adapter.definition.displayName);
  const fitted = fitToCapabilities(contents, connection.capabilities, { locale, withinReplyWindow: window.open });
  if (!fitted.ok) return { sent: false, reason: window.reason ?? fitted.message };
  const nowIso = now.toISOString();
  const appended = await appendOutboundMessages(
    tx,
    {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      author: 'system',
      connection,
      address: conversation.replyAddress,
      contents: fitted.contents,
    },
    nowIso,
  );
  return { sent: true, messages: appended };
}
