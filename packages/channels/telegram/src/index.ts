// Telegram Bot API (@fio/channel-telegram): updates in through the secret-token webhook, Bot API calls
// out (messages, inline keyboards, media by URL, file downloads, callback answers, setWebhook).
// Vendor words (chat_id, update_id, callback_data) stay inside this package.
import { defineChannel, type AnyChannelAdapter } from '@fio/channel-kit';
import { telegramDefinition, type TelegramConfig, type TelegramSecrets } from './definition.ts';
import { answerCallbackQueries } from './inbound/answer-callback-queries.ts';
import { toInboundEvents } from './inbound/to-inbound-events.ts';
import { secretTokenHeader, verifySecretToken } from './inbound/verify-secret-token.ts';
import { fetchMedia } from './outbound/fetch-media.ts';
import { sendTypingAction } from './outbound/send-typing-action.ts';
import { sendMessage } from './outbound/send-message.ts';

export const telegramChannel = defineChannel<TelegramConfig, TelegramSecrets>({
  definition: telegramDefinition,
  webhook: {
    verifyRequest: (req, ctx) => verifySecretToken(req.headers[secretTokenHeader], ctx.secrets.webhookSecret),
    toInboundEvents: (req) => toInboundEvents(req.rawBody),
    afterIngest: answerCallbackQueries,
  },
  sendMessage,
  // Telegram shows "typing…" for five seconds or until the next message: nothing to switch off.
  sendTyping: async (address, on, ctx) => {
    if (on) await sendTypingAction(address, ctx);
  },
  fetchMedia,
});

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [telegramChannel];

export { telegramDefinition, telegramConfigSchema, telegramSecretsSchema, telegramCapabilities } from './definition.ts';
export type { TelegramConfig, TelegramSecrets } from './definition.ts';
export { verifySecretToken, secretTokenHeader } from './inbound/verify-secret-token.ts';
export { toInboundEvents } from './inbound/to-inbound-events.ts';
export { answerCallbackQueries } from './inbound/answer-callback-queries.ts';
export { renderRequests, telegramLimits } from './outbound/render-request.ts';
export { botApiError } from './outbound/bot-api-error.ts';
export { createBotApiClient } from './outbound/bot-api-client.ts';
export { sendTypingAction } from './outbound/send-typing-action.ts';
export { toCallbackData, optionIdFromCallbackData, maxCallbackDataBytes } from './callback-data.ts';
export { registerWebhook, telegramAllowedUpdates } from './webhook/register-webhook.ts';
export type { WebhookInfo, RegisterWebhookInput } from './webhook/register-webhook.ts';
