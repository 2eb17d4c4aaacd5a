/**
 * Fio's names for Telegram things. A message is `<chat_id>:<message_id>` both ways (message ids are
 * unique within a chat, and a customer's reply to the bot names the bot's message by them); an edit
 * adds its edit date; a button press is the callback query's own id. All survive Telegram's retries of
 * an update, unlike a key made of update_id alone, which Telegram restarts at random after a week idle.
 */
export function messageKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export function editedMessageKey(chatId: number, messageId: number, editDate: number): string {
  return `${chatId}:${messageId}:edited:${editDate}`;
}

const callbackPrefix = 'callback:';

export function callbackQueryKey(callbackQueryId: string): string {
  return `${callbackPrefix}${callbackQueryId}`;
}

/** The callback query id in a key this adapter wrote, or null for any other key. */
export function callbackQueryIdFromKey(key: string): string | null {
  return key.startsWith(callbackPrefix) && key.length > callbackPrefix.length ? key.slice(callbackPrefix.length) : null;
}

/**
 * Inbound media content carries the Bot API file_id, not a URL: download links embed the bot token and
 * last about an hour, so fetchMedia resolves the id (getFile) when Fio stores the file.
 */
const filePrefix = 'telegram-file:';

export function fileRef(fileId: string): string {
  return `${filePrefix}${fileId}`;
}

export function fileIdFromRef(ref: string): string | null {
  if (!ref.startsWith(filePrefix)) return null;
  const id = ref.slice(filePrefix.length);
  return /^[A-Za-z0-9_-]{1,512}$/.test(id) ? id : null;
}
