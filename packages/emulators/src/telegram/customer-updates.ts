import type { CustomerIdentity } from '../emulator-kit.ts';

type Json = Record<string, unknown>;

/** A Telegram user as updates describe them; the address is the user's numeric id (= private chat id). */
export function telegramUser(from: CustomerIdentity, languageCode?: string): Json {
  const [firstName, ...rest] = (from.name ?? `User ${from.address}`).split(' ');
  return {
    id: Number(from.address),
    is_bot: false,
    first_name: firstName || from.address,
    ...(rest.length > 0 ? { last_name: rest.join(' ') } : {}),
    ...(languageCode ? { language_code: languageCode } : {}),
  };
}

export function privateChat(from: CustomerIdentity): Json {
  const user = telegramUser(from);
  return { id: user.id, type: 'private', first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}) };
}

/** A customer's message in the private chat with the bot; `/commands` carry their bot_command entity. */
export function customerMessage(from: CustomerIdentity, messageId: number, date: number, fields: Json, languageCode?: string): Json {
  const text = typeof fields.text === 'string' ? fields.text : undefined;
  const command = text !== undefined ? /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text) : null;
  return {
    message_id: messageId,
    from: telegramUser(from, languageCode),
    chat: privateChat(from),
    date,
    ...fields,
    ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
  };
}

/** The press of an inline button on a message the bot sent: the callback query Telegram delivers. */
export function callbackQuery(from: CustomerIdentity, queryId: string, botMessage: Json, data: string, languageCode?: string): Json {
  return {
    id: queryId,
    from: telegramUser(from, languageCode),
    message: botMessage,
    // Stable per chat, as Telegram's is: a hash-like token of the chat the button lives in.
    chat_instance: String(BigInt(from.address.replace(/\D/g, '') || '0') * 7919n + 104729n),
    data,
  };
}
