import type { InboundEvent, InboundMessageEvent } from '@fio/contracts';
import type { ParseResult } from '@fio/channel-kit';
import type { z } from 'zod';
import { optionIdFromCallbackData } from '../callback-data.ts';
import { callbackQueryKey, editedMessageKey, messageKey } from '../provider-ids.ts';
import { messageSender } from './message-sender.ts';
import { messageToContent } from './message-to-content.ts';
import {
  callbackQuerySchema,
  telegramMessageSchema,
  updateEnvelopeSchema,
  type CallbackQuery,
  type TelegramMessage,
} from './update.schema.ts';

/** The Update fields that say what happened (core.telegram.org/bots/api#update); one per update. */
const updateKinds = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
] as const;

/**
 * One webhook request is one Bot API Update (update_id plus exactly one optional field). Messages, edits
 * and button presses become message events; everything else Fio does not converse through (channel
 * posts, inline queries, poll answers, reactions, join requests, membership changes, unknown kinds) is
 * acknowledged with zero events, so Telegram does not retry it.
 */
export function toInboundEvents(rawBody: Buffer): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const envelope = updateEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `not a Telegram Update: ${describeIssue(envelope.error)}` };
  const update = envelope.data;
  const kinds = updateKinds.filter((kind) => kind in update);
  if (kinds.length > 1) return { ok: false, reason: `an Update carries at most one kind; this one has ${kinds.join(', ')}` };

  if ('message' in update) return parseField(update.message, telegramMessageSchema, 'message', (m) => messageEvents(m, false));
  if ('edited_message' in update)
    return parseField(update.edited_message, telegramMessageSchema, 'edited_message', (m) => messageEvents(m, true));
  if ('callback_query' in update) return parseField(update.callback_query, callbackQuerySchema, 'callback_query', callbackEvents);
  // channel_post / edited_channel_post: the channel's own broadcasts, no customer to answer (a reply
  // would be posted to the whole channel). inline_query, chosen_inline_result, poll, poll_answer,
  // message_reaction(_count), chat_join_request, my_chat_member, chat_member, business_*, shipping and
  // pre-checkout queries: none is a message to the business; setWebhook does not ask for them either.
  return { ok: true, events: [] };
}

function parseField<T>(value: unknown, schema: z.ZodType<T>, field: string, toEvents: (parsed: T) => InboundEvent[]): ParseResult {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: `${field}: ${describeIssue(parsed.error)}` };
  return { ok: true, events: toEvents(parsed.data) };
}

function messageEvents(message: TelegramMessage, edited: boolean): InboundEvent[] {
  // No `from`: an anonymous group admin or a channel speaking, not a person Fio can answer as a contact.
  if (!message.from || message.from.is_bot === true) return [];
  // A live location's moves arrive as edits every few seconds: they are not new things said.
  if (edited && message.location !== undefined) return [];
  const parsed = messageToContent(message);
  if (parsed === null) return [];
  const { identities } = parsed;
  let content = parsed.content;
  if (edited) {
    // Stored as a new message (the original stays as it was): agents and the bot see it was changed.
    if (content.kind === 'text') content = { ...content, text: `[edited] ${content.text}` };
    else if (content.kind === 'media') content = { ...content, caption: `[edited] ${content.caption ?? ''}`.trimEnd().slice(0, 4096) };
  }
  const event: InboundMessageEvent = {
    type: 'message',
    providerMessageId: edited
      ? editedMessageKey(message.chat.id, message.message_id, message.edit_date ?? message.date)
      : messageKey(message.chat.id, message.message_id),
    sender: messageSender(message.chat.id, message.from, identities),
    content,
    sentAt: unixToIso(edited ? (message.edit_date ?? message.date) : message.date),
    ...(message.reply_to_message ? { replyToProviderMessageId: messageKey(message.chat.id, message.reply_to_message.message_id) } : {}),
    ...(content.kind === 'unsupported' ? { raw: message } : {}),
  };
  return [event];
}

/** A button press: the option's id as payload, the pressed button's label as what the customer "said". */
function callbackEvents(query: CallbackQuery): InboundEvent[] {
  if (query.from.is_bot === true) return [];
  const chatId = query.message?.chat.id ?? query.from.id;
  const base = {
    type: 'message' as const,
    providerMessageId: callbackQueryKey(query.id),
    sender: messageSender(chatId, query.from),
    ...(query.message ? { replyToProviderMessageId: messageKey(query.message.chat.id, query.message.message_id) } : {}),
  };
  if (query.data === undefined) {
    // A game button or a button whose data is gone: kept (and answered) so the press is not lost.
    const game = query.game_short_name !== undefined;
    return [
      {
        ...base,
        content: {
          kind: 'unsupported',
          placeholder: game ? '[game]' : '[button press]',
          providerKind: game ? 'callback_game' : 'callback_query',
        },
        raw: query,
      },
    ];
  }
  const optionId = optionIdFromCallbackData(query.data);
  const label = query.message?.reply_markup?.inline_keyboard.flat().find((button) => button.callback_data === query.data)?.text;
  const text = label ?? optionId ?? '[button press]';
  return [{ ...base, content: { kind: 'text', text, ...(optionId ? { payload: optionId } : {}) } }];
}

function unixToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
