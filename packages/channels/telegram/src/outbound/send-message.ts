import { ChannelError, type OutboundMessage, type SendContext, type SendResult } from '@fio/channel-kit';
import { z } from 'zod';
import type { TelegramConfig, TelegramSecrets } from '../definition.ts';
import { messageKey } from '../provider-ids.ts';
import { createBotApiClient } from './bot-api-client.ts';
import { renderRequests } from './render-request.ts';

const sentMessageSchema = z.looseObject({ message_id: z.number().int(), chat: z.looseObject({ id: z.number().int() }) });

/**
 * Sends one fitted message to a chat. The provider id is the first call's `<chat_id>:<message_id>`;
 * when a long caption follows as its own message and that second call fails, the retry sends both
 * again (Telegram has no idempotency key), which is the lesser harm than losing the caption.
 */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<TelegramConfig, TelegramSecrets>): Promise<SendResult> {
  const requests = renderRequests(message.recipient.address, message.content);
  const client = createBotApiClient({ apiBaseUrl: ctx.config.apiBaseUrl, botToken: ctx.secrets.botToken, fetch: ctx.fetch, now: ctx.now });
  let providerMessageId: string | undefined;
  for (const request of requests) {
    const result = await client.call(request.method, request.params);
    const sent = sentMessageSchema.safeParse(result);
    if (!sent.success) {
      throw new ChannelError({
        code: 'rejected',
        message: `Telegram accepted ${request.method} but its answer names no message`,
        retryable: false,
      });
    }
    providerMessageId ??= messageKey(sent.data.chat.id, sent.data.message_id);
  }
  if (providerMessageId === undefined)
    throw new ChannelError({ code: 'unsupported_content', message: 'nothing to send', retryable: false });
  return { providerMessageId, status: 'sent' };
}
