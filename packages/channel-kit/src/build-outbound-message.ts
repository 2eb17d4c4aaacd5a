import { contentToPlainText, type Content, type MessageView } from '@fio/contracts';
import type { OutboundMessage } from './channel-adapter.ts';

/**
 * Builds an outbound message with its stored view, for channel tests and fixtures.
 * Override any field; the view follows the content unless given.
 */
export function buildOutboundMessage(
  overrides: Partial<Omit<OutboundMessage, 'view'>> & { view?: Partial<MessageView> } = {},
): OutboundMessage {
  const content: Content = overrides.content ?? { kind: 'text', text: 'Olá! Como posso ajudar?' };
  const messageId = overrides.messageId ?? 'msg_01';
  const conversationId = overrides.conversationId ?? 'conv_01';
  const view: MessageView = {
    id: messageId,
    conversationId,
    seq: 2,
    direction: 'outbound',
    author: 'bot',
    channelType: null,
    connectionId: null,
    content,
    text: contentToPlainText(content),
    providerMessageId: null,
    status: 'pending',
    error: null,
    createdAt: '2026-01-01T12:00:00.000Z',
    ...overrides.view,
  };
  return {
    messageId,
    conversationId,
    recipient: overrides.recipient ?? { address: 'recipient_01' },
    content,
    view,
  };
}
