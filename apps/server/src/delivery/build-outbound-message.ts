import type { OutboundMessage, OutboundThread } from '@fio/channel-kit';
import type { Content } from '@fio/contracts';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import type { Conversation } from '../conversation/conversation.repository.ts';
import { conversationToken } from '../conversation/conversation-token.ts';
import { createMessageRepository, toMessageView, type Message } from '../conversation/message.repository.ts';
import { mediaIdFromPath } from '../media/media-url.ts';
import type { DbOrTx } from '../storage/index.ts';

const threadDepth = 20;

/**
 * What a channel is handed for one stored message: the content (Fio's own media links signed so the
 * provider can fetch them), who wrote it, where the conversation stands, and — for channels that
 * thread, like e-mail — the recent history with the provider ids to refer to.
 */
export async function buildOutboundMessage(
  db: DbOrTx,
  input: {
    message: Message;
    conversation: Conversation | null;
    connection: ConnectionRuntime;
    address: string;
    replyTokenKey: Buffer;
    signMediaUrl: (mediaId: string) => string;
  },
): Promise<OutboundMessage> {
  const { message, conversation, connection } = input;
  return {
    messageId: message.id,
    conversationId: message.conversationId,
    recipient: { address: input.address },
    content: withSignedMedia(message.content, input.signMediaUrl),
    view: toMessageView(message),
    author: message.author,
    ...(conversation ? { conversationStatus: conversation.status, lastInboundAt: conversation.lastInboundAt } : {}),
    ...(connection.adapter.definition.wantsThread ? { thread: await loadThread(db, message, connection.id, input.replyTokenKey) } : {}),
  };
}

function withSignedMedia(content: Content, sign: (mediaId: string) => string): Content {
  if (content.kind !== 'media') return content;
  const mediaId = mediaIdFromPath(content.url);
  return mediaId ? { ...content, url: sign(mediaId) } : content;
}

async function loadThread(db: DbOrTx, message: Message, connectionId: string, key: Buffer): Promise<OutboundThread> {
  const history = (await createMessageRepository(db, message.workspaceId).listLatest(message.conversationId, threadDepth + 1)).filter(
    (m) => m.seq < message.seq,
  );
  const onConnection = history.filter((m) => m.connectionId === connectionId && m.providerMessageId);
  const latestInbound = [...onConnection].reverse().find((m) => m.direction === 'inbound');
  const latestInboundRaw = latestInbound ? await createMessageRepository(db, message.workspaceId).getRaw(latestInbound.id) : null;
  return {
    recent: history.slice(-threadDepth).map(toMessageView),
    providerMessageIds: onConnection.map((m) => m.providerMessageId ?? '').filter(Boolean),
    inReplyToProviderMessageId: latestInbound?.providerMessageId ?? null,
    conversationToken: conversationToken(key, message.conversationId),
    latestInboundRaw,
  };
}
