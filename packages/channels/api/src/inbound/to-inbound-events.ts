import { z } from 'zod';
import { contentSchema, type IdentityClaim, type InboundEvent } from '@fio/contracts';
import type { ParseResult } from '@fio/channel-kit';

/**
 * The API channel's inbound payloads → canonical events. Pure. A business's app POSTs either a
 * message from one of its users (type "message", the default) or a delivery status of a callback.
 */
const e164 = z
  .string()
  .max(32)
  .transform((phone) => phone.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +5511999990000'));

const apiMessageSchema = z
  .object({
    type: z.literal('message'),
    messageId: z.string().min(1).max(256),
    from: z.object({
      id: z.string().min(1).max(512),
      email: z.email().max(320).optional(),
      phone: e164.optional(),
      name: z.string().max(256).optional(),
      locale: z.string().min(2).max(16).optional(),
    }),
    text: z.string().min(1).max(65_536).optional(),
    content: contentSchema.optional(),
    sentAt: z.iso.datetime({ offset: true }).optional(),
    replyToMessageId: z.string().min(1).max(256).optional(),
  })
  .refine((message) => (message.text === undefined) !== (message.content === undefined), {
    message: 'give exactly one of `text` or `content`',
    path: ['text'],
  });

const apiStatusSchema = z.object({
  type: z.literal('status'),
  messageId: z.string().min(1).max(256),
  status: z.enum(['delivered', 'read', 'failed']),
  error: z.object({ code: z.string().min(1).max(128).default('failed'), message: z.string().max(2048) }).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

const apiPayloadSchema = z.discriminatedUnion('type', [apiMessageSchema, apiStatusSchema]);
type ApiPayload = z.output<typeof apiPayloadSchema>;

export function toInboundEvents(rawBody: Buffer): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'body must be a JSON object' };
  }
  // "type" defaults to "message" so the simplest client sends just messageId, from and text.
  const withType = 'type' in json ? json : { ...json, type: 'message' };
  const parsed = apiPayloadSchema.safeParse(withType);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  return { ok: true, events: [toEvent(parsed.data)] };
}

function toEvent(payload: ApiPayload): InboundEvent {
  if (payload.type === 'status') {
    return {
      type: 'status',
      providerMessageId: payload.messageId,
      status: payload.status,
      ...(payload.error ? { error: payload.error } : {}),
      ...(payload.at ? { at: payload.at } : {}),
    };
  }
  const { from } = payload;
  const identities: IdentityClaim[] = [{ kind: 'api_user', value: from.id, verified: true }];
  // The business signed the request, so it vouches for the e-mail and phone it sends.
  if (from.email) identities.push({ kind: 'email', value: from.email.toLowerCase(), verified: true });
  if (from.phone) identities.push({ kind: 'phone', value: from.phone, verified: true });
  return {
    type: 'message',
    providerMessageId: payload.messageId,
    sender: {
      address: from.id,
      ...(from.name !== undefined ? { displayName: from.name } : {}),
      ...(from.locale !== undefined ? { locale: from.locale } : {}),
      identities,
    },
    content: payload.content ?? { kind: 'text', text: payload.text ?? '' },
    ...(payload.sentAt ? { sentAt: payload.sentAt } : {}),
    ...(payload.replyToMessageId ? { replyToProviderMessageId: payload.replyToMessageId } : {}),
  };
}

/** "from.email: Invalid email address; text: give exactly one of `text` or `content`" */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
