import { z } from 'zod';

export const maxEventsPerRequest = 100;
export const maxPropertiesBytes = 16 * 1024;

/** `order_placed`, `cart.abandoned`, `page-viewed`: lower-case letters, digits, `_ . -`. */
export const eventNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be lower-case letters, digits, _ . - (at most 64), such as order_placed');

/** Who the event is about: a Fio contact id, a CRM id, or an e-mail / phone the business knows them by. */
export const eventContactRefSchema = z
  .strictObject({
    id: z.string().min(1).max(128).optional(),
    externalId: z.string().min(1).max(256).optional(),
    /** The integration the external id belongs to; optional when the workspace has exactly one. */
    integration: z.string().min(1).max(64).optional(),
    email: z.string().min(3).max(320).optional(),
    phone: z.string().min(3).max(64).optional(),
  })
  .refine((c) => c.id ?? c.externalId ?? c.email ?? c.phone, { message: 'name the contact by id, externalId, email or phone' });
export type EventContactRef = z.infer<typeof eventContactRefSchema>;

/** One business event posted to POST /api/v1/events. */
export const businessEventSchema = z.strictObject({
  /** The sender's idempotency key: posting the same id again answers the stored event. */
  id: z.string().min(1).max(256).optional(),
  name: eventNameSchema,
  contact: eventContactRefSchema,
  properties: z
    .record(z.string(), z.unknown())
    .default({})
    .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= maxPropertiesBytes, {
      message: `properties are at most ${maxPropertiesBytes / 1024} KiB of JSON`,
    }),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});
export type BusinessEvent = z.infer<typeof businessEventSchema>;

export const businessEventResultSchema = z.object({
  index: z.number().int(),
  status: z.enum(['recorded', 'duplicate', 'error']),
  activityId: z.string().optional(),
  contactId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BusinessEventResult = z.infer<typeof businessEventResultSchema>;
