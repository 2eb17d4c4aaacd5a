import type { MessageView } from '@fio/contracts';

/** A bot reply by default; override what the test is about. */
export function buildMessageView(overrides: Partial<MessageView> = {}): MessageView {
  const text = overrides.text ?? 'Olá!';
  return {
    id: 'msg-1',
    conversationId: 'conv-1',
    seq: 1,
    direction: 'outbound',
    author: 'bot',
    channelType: 'webchat',
    connectionId: 'demo-webchat',
    content: { kind: 'text', text },
    text,
    providerMessageId: null,
    status: 'sent',
    error: null,
    createdAt: '2025-01-01T12:00:00.000Z',
    ...overrides,
  };
}
