import type { SendContext } from '@fio/channel-kit';
import type { InboundEvent } from '@fio/contracts';
import type { TelegramConfig, TelegramSecrets } from '../definition.ts';
import { createBotApiClient } from '../outbound/bot-api-client.ts';
import { callbackQueryIdFromKey } from '../provider-ids.ts';

/**
 * After a button press is recorded, Telegram wants answerCallbackQuery: until then the customer's app
 * shows a spinner on the button. Answered without a notification (the bot's reply is the answer).
 * Runs after the 2xx; a failure (the query expired, say) leaves the recorded press as it is.
 */
export async function answerCallbackQueries(events: InboundEvent[], ctx: SendContext<TelegramConfig, TelegramSecrets>): Promise<void> {
  const ids = events.flatMap((event) => {
    const id = event.type === 'message' ? callbackQueryIdFromKey(event.providerMessageId) : null;
    return id === null ? [] : [id];
  });
  if (ids.length === 0) return;
  const client = createBotApiClient({ apiBaseUrl: ctx.config.apiBaseUrl, botToken: ctx.secrets.botToken, fetch: ctx.fetch, now: ctx.now });
  const results = await Promise.allSettled(ids.map((id) => client.call('answerCallbackQuery', { callback_query_id: id })));
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason instanceof Error ? result.reason : new Error(String(result.reason));
  }
}
