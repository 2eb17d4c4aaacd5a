import type { IdentityClaim, InboundSender } from '@fio/contracts';
import type { TelegramUser } from './update.schema.ts';

/**
 * Who wrote and where the answer goes. Replies go to the chat (in a group, the group; in a private chat
 * the chat id is the user's id); the person is the Telegram user, whose id Telegram vouches for.
 */
export function messageSender(chatId: number, user: TelegramUser, extra: IdentityClaim[] = []): InboundSender {
  const displayName = [user.first_name, user.last_name ?? ''].join(' ').trim() || user.username;
  const locale = toLocale(user.language_code);
  return {
    address: String(chatId),
    ...(displayName ? { displayName: displayName.slice(0, 256) } : {}),
    ...(locale ? { locale } : {}),
    identities: [{ kind: 'telegram_user', value: String(user.id), verified: true }, ...extra],
  };
}

/** Telegram's IETF tag in lower case ("pt-br") as Fio writes locales ("pt-BR"); nothing when it is not one. */
function toLocale(languageCode: string | undefined): string | undefined {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}))?$/i.exec(languageCode ?? '');
  if (!match?.[1]) return undefined;
  return match[2] ? `${match[1].toLowerCase()}-${match[2].toUpperCase()}` : match[1].toLowerCase();
}
