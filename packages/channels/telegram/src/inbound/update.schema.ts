import { z } from 'zod';

/**
 * The parts of a Bot API `Update` Fio reads, written from core.telegram.org/bots/api#update. Objects
 * are loose: Telegram adds fields often, and an unknown field must never refuse a real update. Fields
 * read are typed strictly, so a payload with a wrong type is refused with the field's path.
 */
const fileId = z.string().min(1).max(512);
const fileSize = z.number().int().nonnegative().optional();
const mimeType = z.string().min(1).max(255).optional();
const fileName = z.string().min(1).max(255).optional();
/** Unix seconds; bounded so a forged value cannot make an invalid date. */
const unixTime = z.number().int().nonnegative().max(253_402_300_799);

export const telegramUserSchema = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().max(1024),
  last_name: z.string().max(1024).optional(),
  username: z.string().max(256).optional(),
  language_code: z.string().max(64).optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

export const telegramChatSchema = z.looseObject({
  id: z.number().int(),
  type: z.string().max(64),
});

const photoSizeSchema = z.looseObject({
  file_id: fileId,
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
  file_size: fileSize,
});

const fileSchema = z.looseObject({ file_id: fileId, file_name: fileName, mime_type: mimeType, file_size: fileSize });

const locationSchema = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Present on live locations: their updates arrive as edited messages. */
  live_period: z.number().int().optional(),
});

export const inlineKeyboardSchema = z.looseObject({
  inline_keyboard: z.array(z.array(z.looseObject({ text: z.string().max(4096), callback_data: z.string().max(4096).optional() })).max(200)),
});

export const telegramMessageSchema = z.looseObject({
  message_id: z.number().int(),
  from: telegramUserSchema.optional(),
  chat: telegramChatSchema,
  date: unixTime,
  edit_date: unixTime.optional(),
  reply_to_message: z.looseObject({ message_id: z.number().int() }).optional(),
  text: z.string().max(65_000).optional(),
  caption: z.string().max(4096).optional(),
  photo: z.array(photoSizeSchema).max(100).optional(),
  document: fileSchema.optional(),
  animation: fileSchema.optional(),
  audio: fileSchema.extend({ title: z.string().max(1024).optional(), performer: z.string().max(1024).optional() }).optional(),
  voice: fileSchema.optional(),
  video: fileSchema.optional(),
  video_note: fileSchema.optional(),
  sticker: z.looseObject({ file_id: fileId, emoji: z.string().max(64).optional() }).optional(),
  location: locationSchema.optional(),
  venue: z.looseObject({ location: locationSchema, title: z.string().max(1024), address: z.string().max(1024) }).optional(),
  contact: z
    .looseObject({
      phone_number: z.string().min(1).max(64),
      first_name: z.string().max(1024),
      last_name: z.string().max(1024).optional(),
      user_id: z.number().int().optional(),
    })
    .optional(),
  reply_markup: inlineKeyboardSchema.optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

export const callbackQuerySchema = z.looseObject({
  id: z.string().min(1).max(256),
  from: telegramUserSchema,
  /** Absent for buttons on inline-mode messages; may be an "inaccessible message" (date 0) when old. */
  message: z
    .looseObject({ message_id: z.number().int(), chat: telegramChatSchema, reply_markup: inlineKeyboardSchema.optional() })
    .optional(),
  data: z.string().max(256).optional(),
  game_short_name: z.string().max(256).optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

/** Every Update has its id; the one optional field present says what happened. */
export const updateEnvelopeSchema = z.looseObject({ update_id: z.number().int().nonnegative() });
