import type { InboundEvent } from '@fio/contracts';
import type { ParseResult } from '@fio/channel-kit';
import { describeIssues, envelopeSchema, messageBaseSchema, messagesValueSchema, type WebhookContact } from './webhook-payload.schema.ts';
import { messageSender } from './message-sender.ts';
import { messageToContent } from './message-to-content.ts';
import { statusToEvent } from './status-to-event.ts';

export interface ToInboundEventsOptions {
  /** This connection's number: changes for other numbers of the same app are not ours to record. */
  phoneNumberId: string;
}

/**
 * Meta's webhook body → canonical events. Pure. Reads every `entry[].changes[]` of field "messages"
 * (customer messages and delivery statuses); other fields (account, template, call, echo updates) give
 * no events. Group messages give none either: Fio serves one-to-one conversations, and a reply to a
 * group message would go to the person privately. A malformed known part refuses the whole body.
 */
export function toInboundEvents(rawBody: Buffer, options: ToInboundEventsOptions): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: describeIssues(envelope.error, '') };

  const events: InboundEvent[] = [];
  const seen = new Set<string>();
  for (const [entryIndex, entry] of envelope.data.entry.entries()) {
    for (const [changeIndex, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const path = `entry.${entryIndex}.changes.${changeIndex}.value`;
      const value = messagesValueSchema.safeParse(change.value);
      if (!value.success) return { ok: false, reason: describeIssues(value.error, path) };
      const phoneNumberId = value.data.metadata?.phone_number_id;
      if (phoneNumberId !== undefined && phoneNumberId !== options.phoneNumberId) continue;

      const contacts = value.data.contacts ?? [];
      for (const [index, message] of (value.data.messages ?? []).entries()) {
        const parsed = messageToEvents(message, contacts, `${path}.messages.${index}`);
        if (!parsed.ok) return parsed;
        for (const event of parsed.events) {
          // Meta may repeat a message within one body; the id is the dedupe key.
          if (seen.has(event.providerMessageId)) continue;
          seen.add(event.providerMessageId);
          events.push(event);
        }
      }
      for (const [index, status] of (value.data.statuses ?? []).entries()) {
        const parsed = statusToEvent(status, `${path}.statuses.${index}`);
        if (!parsed.ok) return parsed;
        if (parsed.event) events.push(parsed.event);
      }
    }
  }
  return { ok: true, events };
}

function messageToEvents(message: Record<string, unknown>, contacts: WebhookContact[], path: string): ParseResult {
  const base = messageBaseSchema.safeParse(message);
  if (!base.success) return { ok: false, reason: describeIssues(base.error, path) };
  if (base.data.group_id !== undefined) return { ok: true, events: [] };
  const sender = messageSender(base.data, contacts, path);
  if (!sender.ok) return sender;
  const kind = messageToContent(base.data.type, message, path);
  if (!kind.ok) return kind;

  const sentAt = new Date(base.data.timestamp * 1000).toISOString();
  const replyTo = base.data.context?.id ?? kind.refersTo;
  return {
    ok: true,
    events: kind.contents.map((content, index) => ({
      type: 'message',
      // A message sharing several contacts becomes one card each; the first keeps Meta's id.
      providerMessageId: index === 0 ? base.data.id : `${base.data.id}#${index + 1}`,
      sender: sender.sender,
      content,
      sentAt,
      ...(replyTo !== undefined ? { replyToProviderMessageId: replyTo } : {}),
      ...(kind.keepRaw ? { raw: message } : {}),
    })),
  };
}
