import { z } from 'zod';

/**
 * The parts of Meta's webhook body Fio reads (the "messages" field of a WhatsApp Business Account).
 * Only fields we use are declared, so new fields Meta adds never break parsing; a declared field of the
 * wrong type does (the payload is then refused with the path in the reason).
 */
export const envelopeSchema = z.object({
  object: z.literal('whatsapp_business_account', { error: 'object must be "whatsapp_business_account"' }),
  entry: z.array(
    z.object({
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).max(1000),
    }),
  ),
});

const shortString = z.string().max(1024);

/** Unix seconds: Meta sends a string of digits; a number is read the same. */
const unixSeconds = z
  .union([z.string().regex(/^\d{1,12}$/, 'timestamp must be unix seconds'), z.number().int().nonnegative().max(1e12)], {
    error: 'timestamp must be unix seconds',
  })
  .transform(Number);

export const contactSchema = z.object({
  wa_id: shortString.optional(),
  user_id: shortString.optional(),
  parent_user_id: shortString.optional(),
  profile: z.object({ name: z.string().max(4096).optional() }).optional(),
});
export type WebhookContact = z.output<typeof contactSchema>;

export const messagesValueSchema = z.object({
  metadata: z.object({ phone_number_id: shortString.optional() }).optional(),
  contacts: z.array(contactSchema).max(1000).optional(),
  messages: z.array(z.record(z.string(), z.unknown())).max(1000).optional(),
  statuses: z.array(z.record(z.string(), z.unknown())).max(1000).optional(),
});

export const messageBaseSchema = z.object({
  id: z.string().min(1).max(256),
  from: shortString.optional(),
  from_user_id: shortString.optional(),
  from_parent_user_id: shortString.optional(),
  timestamp: unixSeconds,
  type: z.string().min(1).max(64),
  group_id: shortString.optional(),
  context: z
    .object({
      id: z.string().min(1).max(256).optional(),
      forwarded: z.boolean().optional(),
    })
    .optional(),
});
export type WebhookMessageBase = z.output<typeof messageBaseSchema>;

const errorSchema = z.object({
  code: z.number().int(),
  title: z.string().max(1024).optional(),
  message: z.string().max(1024).optional(),
  error_data: z.object({ details: z.string().max(2048).optional() }).optional(),
  details: z.string().max(2048).optional(),
});
export type WebhookError = z.output<typeof errorSchema>;

export const statusSchema = z.object({
  id: z.string().min(1).max(256),
  status: z.string().min(1).max(64),
  timestamp: unixSeconds.optional(),
  recipient_type: z.string().optional(),
  errors: z.array(errorSchema).max(50).optional(),
});

export const textSchema = z.object({ body: z.string().max(65_536) });

export const interactiveSchema = z.object({
  type: z.string().min(1).max(64),
  button_reply: z.object({ id: z.string().min(1).max(256), title: z.string().max(1024) }).optional(),
  list_reply: z
    .object({ id: z.string().min(1).max(256), title: z.string().max(1024), description: z.string().max(1024).optional() })
    .optional(),
  nfm_reply: z.object({ body: z.string().max(4096).optional(), name: z.string().max(256).optional() }).optional(),
  call_permission_reply: z.object({ response: z.string().max(64) }).optional(),
});

export const buttonSchema = z.object({ payload: z.string().max(256).optional(), text: z.string().max(1024) });

export const mediaSchema = z.object({
  id: z.string().min(1).max(256),
  mime_type: z.string().max(255).optional(),
  caption: z.string().max(4096).optional(),
  filename: z.string().max(255).optional(),
});

export const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1024).optional(),
  address: z.string().max(1024).optional(),
});

export const sharedContactSchema = z.object({
  name: z
    .object({
      formatted_name: z.string().max(1024).optional(),
      first_name: z.string().max(512).optional(),
      last_name: z.string().max(512).optional(),
    })
    .optional(),
  phones: z
    .array(z.object({ phone: z.string().max(64).optional(), wa_id: z.string().max(64).optional() }))
    .max(20)
    .optional(),
  emails: z
    .array(z.object({ email: z.string().max(320).optional() }))
    .max(20)
    .optional(),
});
export type SharedContact = z.output<typeof sharedContactSchema>;

export const reactionSchema = z.object({ message_id: z.string().min(1).max(256), emoji: z.string().max(64).optional() });

export const systemSchema = z.object({ body: z.string().max(1024).optional(), type: z.string().max(128).optional() });

export const revokeSchema = z.object({ original_message_id: z.string().min(1).max(256) });

export const editSchema = z.object({
  original_message_id: z.string().min(1).max(256),
  message: z.record(z.string(), z.unknown()),
});

export const unsupportedSchema = z.object({ type: z.string().max(64).optional() });

/** "entry.0.changes.1.value.messages.0.from: Invalid input" for the first few issues. */
export function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
