import type { SendContext } from '@fio/channel-kit';
import type { TelegramConfig, TelegramSecrets } from '../definition.ts';
import { createBotApiClient } from './bot-api-client.ts';

/**
 * Shows "typing…" in the chat for up to five seconds (sendChatAction), while the bot prepares an answer.
 * Not wired yet: the seam has no typing call for provider channels (the capability stays off until it does).
 */
export async function sendTypingAction(address: string, ctx: SendContext<TelegramConfig, TelegramSecrets>): Promise<void> {
  const client = createBotApiClient({ apiBaseUrl: ctx.config.apiBaseUrl, botToken: ctx.secrets.botToken, fetch: ctx.fetch, now: ctx.now });
  const chatId = /^-?\d{1,20}$/.test(address) ? Number(address) : address;
  await client.call('sendChatAction', { chat_id: chatId, action: 'typing' });
}
