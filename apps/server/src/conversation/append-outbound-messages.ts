import type { ChannelType, Content } from '@fio/contracts';
import { enqueueJobs } from '../jobs/job-queue.ts';
import type { DbOrTx } from '../storage/index.ts';
import { createConversationRepository } from './conversation.repository.ts';
import { createMessageRepository, type Message } from './message.repository.ts';

/**
 * Appends already-fitted outbound contents with the conversation's next sequence numbers, pending,
 * and queues one delivery job each, in the caller's transaction: the message and its delivery stand
 * or fall together.
 */
export async function appendOutboundMessages(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    conversationId: string;
    author: 'agent' | 'system';
    connection: { id: string; type: ChannelType };
    address: string;
    contents: readonly Content[];
  },
  nowIso: string,
): Promise<Message[]> {
  const conversations = createConversationRepository(tx, input.workspaceId);
  const messages = createMessageRepository(tx, input.workspaceId);
  const appended: Message[] = [];
  for (const content of input.contents) {
    const seq = await conversations.nextSeq(input.conversationId, nowIso, null);
    appended.push(
      await messages.append(
        {
          conversationId: input.conversationId,
          seq,
          direction: 'outbound',
          author: input.author,
          connectionId: input.connection.id,
          channelType: input.connection.type,
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
      workspaceId: input.workspaceId,
      queue: 'delivery' as const,
      conversationId: input.conversationId,
      payload: { messageId: m.id, address: input.address },
    })),
    nowIso,
  );
  return appended;
}
