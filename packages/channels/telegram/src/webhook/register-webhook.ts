import { z } from 'zod';
import { createBotApiClient } from '../outbound/bot-api-client.ts';

/** The update kinds Fio reads; Telegram then does not even send the others. */
export const telegramAllowedUpdates = ['message', 'edited_message', 'callback_query'] as const;

export interface RegisterWebhookInput {
  apiBaseUrl: string;
  botToken: string;
  webhookSecret: string;
  /** The connection's public webhook URL (`<public base>/webhooks/telegram/<connection id>`). */
  url: string;
  fetch: typeof fetch;
}

export const webhookInfoSchema = z.looseObject({
  url: z.string(),
  has_custom_certificate: z.boolean().optional(),
  pending_update_count: z.number().int().optional(),
  max_connections: z.number().int().optional(),
  allowed_updates: z.array(z.string()).optional(),
  ip_address: z.string().optional(),
  last_error_date: z.number().int().optional(),
  last_error_message: z.string().optional(),
});
export type WebhookInfo = z.infer<typeof webhookInfoSchema>;

/**
 * Points the bot's webhook at Fio (setWebhook), then reads back what Telegram holds (getWebhookInfo).
 * `max_connections: 1` is what makes Telegram deliver updates one at a time, in update_id order, each
 * after Fio acknowledged the previous: a customer's messages are stored in the order they wrote them.
 * Pending updates are kept (`drop_pending_updates: false`): what customers wrote meanwhile still arrives.
 * Throws ChannelError when Telegram refuses (a bad token, a URL it will not call).
 */
export async function registerWebhook(input: RegisterWebhookInput): Promise<{ info: WebhookInfo }> {
  const client = createBotApiClient({ apiBaseUrl: input.apiBaseUrl, botToken: input.botToken, fetch: input.fetch });
  await client.call('setWebhook', {
    url: input.url,
    secret_token: input.webhookSecret,
    max_connections: 1,
    allowed_updates: telegramAllowedUpdates,
    drop_pending_updates: false,
  });
  const info = webhookInfoSchema.parse(await client.call('getWebhookInfo', {}));
  return { info };
}
