import type { z } from 'zod';
import type { InboundEvent } from '@fio/contracts';
import type { ParseResult } from '@fio/channel-kit';
import type { MetaAccount } from '../meta-connection.schema.ts';
import { messagingItemSchema, webhookPayloadSchema } from './webhook-payload.schema.ts';
import { messagingItemToEvents, type MetaIdentityKind } from './messaging-item-to-events.ts';

export interface ParseOptions {
  account: MetaAccount;
  identityKind: MetaIdentityKind;
}

/** `changes[].field` values whose `value` is a messaging item (the dashboard's test sends and some API versions). */
const messagingFields = new Set([
  'messages',
  'messaging_postbacks',
  'message_reactions',
  'messaging_referral',
  'messaging_referrals',
  'messaging_optins',
  'message_deliveries',
  'message_reads',
  'messaging_seen',
  'message_echoes',
]);

/**
 * A Messenger or Instagram webhook → canonical events. Pure. Decisions, beside the fixtures that show them:
 * - another `object` than this product's is refused (400): the URL was subscribed to the wrong product;
 * - entries and items for another Page/account are skipped: one app subscription serves many Pages;
 * - items that are not messages (echoes, standby, unknown kinds without content) give zero events;
 * - a sender id that is not numeric is malformed: the whole body is refused.
 */
export function toInboundEvents(rawBody: Buffer, options: ParseOptions): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  // The product first: a body for another product is refused for that reason, whatever else it holds.
  const object: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'object') : undefined;
  if (typeof object === 'string' && object !== options.account.webhookObject) {
    return {
      ok: false,
      reason: `object is "${object.slice(0, 64)}", but this connection receives "${options.account.webhookObject}" webhooks`,
    };
  }
  const parsed = webhookPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, '') };
  const payload = parsed.data;

  const events: InboundEvent[] = [];
  for (const [entryIndex, entry] of payload.entry.entries()) {
    if (entry.id !== options.account.accountId) continue;
    const items: { where: string; value: unknown }[] = [
      ...(entry.messaging ?? []).map((value, i) => ({ where: `entry[${entryIndex}].messaging[${i}]`, value })),
      ...(entry.changes ?? [])
        .map((change, i) => ({ where: `entry[${entryIndex}].changes[${i}].value`, value: change.value, field: change.field }))
        .filter((change) => messagingFields.has(change.field)),
    ];
    for (const { where, value } of items) {
      const item = messagingItemSchema.safeParse(value);
      if (!item.success) return { ok: false, reason: describeIssues(item.error, where) };
      const result = messagingItemToEvents(item.data, value, { accountId: options.account.accountId, identityKind: options.identityKind });
      if (!result.ok) return { ok: false, reason: `${where}: ${result.reason}` };
      events.push(...result.events);
    }
  }
  return { ok: true, events };
}

/** "entry[0].messaging[1].message.mid: Invalid input: expected string" (at most five issues). */
function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [where, ...issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))]
        .filter((part) => part !== '')
        .join('.')
        .replace(/\.\[/g, '[');
      return `${path || '(body)'}: ${issue.message}`;
    })
    .join('; ');
}
