import { contentToPlainText } from '@fio/contracts';
import type { OutboundMessage, SendContext, SendResult } from '@fio/channel-kit';
import type { ApiConfig, ApiSecrets } from '../definition.ts';
import { postCallback } from './callback-api-client.ts';

/** Delivers one message to the business's callback URL; a 2xx means their app has it. */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<ApiConfig, ApiSecrets>): Promise<SendResult> {
  await postCallback({
    url: ctx.config.callbackUrl,
    signingSecret: ctx.secrets.signingSecret,
    fetch: ctx.fetch,
    now: ctx.now(),
    body: {
      type: 'message',
      messageId: message.messageId,
      conversationId: message.conversationId,
      to: { id: message.recipient.address },
      content: message.content,
      text: contentToPlainText(message.content),
      createdAt: message.view.createdAt,
    },
  });
  return { providerMessageId: message.messageId, status: 'delivered' };
}
