import type { Content, IdentityClaim, InboundEvent, InboundMessageEvent } from '@fio/contracts';
import type { MessagingItem } from './webhook-payload.schema.ts';
import { attachmentToContent } from './attachment-to-content.ts';

export type MetaIdentityKind = 'messenger_psid' | 'instagram_igsid';

export interface ItemContext {
  accountId: string;
  identityKind: MetaIdentityKind;
}

type ItemResult = { ok: true; events: InboundEvent[] } | { ok: false; reason: string };

const placeholderMax = 256;

/**
 * One `messaging[]` item → zero or more canonical events. Pure.
 * - echoes of our own sends (`is_echo`) → none: Fio stored them when it sent them;
 * - a sender known only by `user_ref` (checkbox plugin) → none: there is no PSID/IGSID to answer;
 * - `delivery.mids` → one `delivered` status each; Instagram's `read.mid` → `read`; Messenger's read
 *   carries only a watermark time that names no message, so it gives none (nothing to mark forward);
 * - messages, postbacks, reactions, referrals, opt-ins and unsent notices → messages (the last four
 *   as `unsupported` with a readable placeholder and the item in `raw`).
 */
export function messagingItemToEvents(item: MessagingItem, raw: unknown, ctx: ItemContext): ItemResult {
  if (item.message?.is_echo === true) return { ok: true, events: [] };
  const senderId = item.sender.id;
  if (senderId === undefined) return { ok: true, events: [] };
  if (!/^\d{1,64}$/.test(senderId)) return { ok: false, reason: `sender.id "${senderId.slice(0, 64)}" is not a numeric scoped user id` };
  if (item.recipient.id !== undefined && item.recipient.id !== ctx.accountId) return { ok: true, events: [] };

  const at = item.timestamp === undefined ? undefined : toIso(item.timestamp);
  if (item.delivery) {
    const when = item.delivery.watermark === undefined ? at : toIso(item.delivery.watermark);
    const events = (item.delivery.mids ?? []).map((mid): InboundEvent => ({
      type: 'status',
      providerMessageId: mid,
      status: 'delivered',
      ...(when ? { at: when } : {}),
    }));
    return { ok: true, events };
  }
  if (item.read) {
    const mid = item.read.mid;
    return { ok: true, events: mid ? [{ type: 'status', providerMessageId: mid, status: 'read', ...(at ? { at } : {}) }] : [] };
  }

  const sender = { address: senderId, identities: [identity(ctx.identityKind, senderId)] };
  const base = { type: 'message' as const, sender, ...(at ? { sentAt: at } : {}) };
  const key = `${senderId}:${item.timestamp ?? 0}`;
  const unsupported = (placeholder: string, providerKind: string): Content => ({
    kind: 'unsupported',
    placeholder: placeholder.slice(0, placeholderMax),
    providerKind,
  });

  if (item.message) return { ok: true, events: messageEvents(item.message, base, raw) };
  if (item.postback) {
    const { title, payload, mid } = item.postback;
    const text = title?.trim() || payload || '[postback]';
    const content: Content = payload === undefined ? { kind: 'text', text } : { kind: 'text', text, payload: payload.slice(0, 256) };
    return { ok: true, events: [{ ...base, providerMessageId: mid ?? `postback:${key}`, content, raw }] };
  }
  if (item.reaction) {
    const { action, emoji, reaction, mid } = item.reaction;
    const placeholder = action === 'unreact' ? '[reaction removed]' : `[reaction ${emoji ?? reaction ?? ''}]`.replace(' ]', ']');
    const event: InboundMessageEvent = {
      ...base,
      providerMessageId: `reaction:${mid ?? 'unknown'}:${action ?? 'react'}:${key}`.slice(0, 256),
      content: unsupported(placeholder, 'reaction'),
      ...(mid ? { replyToProviderMessageId: mid } : {}),
      raw,
    };
    return { ok: true, events: [event] };
  }
  if (item.referral) {
    const label = item.referral.ref ?? item.referral.source ?? item.referral.type ?? '';
    const content = unsupported(label ? `[referral: ${label}]` : '[referral]', 'referral');
    return { ok: true, events: [{ ...base, providerMessageId: `referral:${key}`, content, raw }] };
  }
  if (item.optin) {
    const label = item.optin.title ?? item.optin.ref ?? item.optin.type ?? '';
    const content = unsupported(label ? `[opt-in: ${label}]` : '[opt-in]', 'optin');
    return { ok: true, events: [{ ...base, providerMessageId: `optin:${key}`, content, raw }] };
  }
  return { ok: true, events: [] };
}

type MessageBase = Omit<InboundMessageEvent, 'providerMessageId' | 'content'>;

/** A message's text and each of its attachments, one event apiece (the first keeps the bare mid). */
function messageEvents(message: NonNullable<MessagingItem['message']>, base: MessageBase, raw: unknown): InboundEvent[] {
  const replyTo = message.reply_to?.mid ? { replyToProviderMessageId: message.reply_to.mid } : {};
  if (message.is_deleted === true) {
    // The original is already stored under the bare mid; the notice is a message of its own.
    const content: Content = { kind: 'unsupported', placeholder: '[message unsent]', providerKind: 'message_deleted' };
    return [{ ...base, providerMessageId: `${message.mid}#deleted`, content, raw }];
  }
  const contents: { content: Content; keepRaw: boolean }[] = [];
  const text = message.text;
  if (text !== undefined && text !== '') {
    const payload = message.quick_reply?.payload;
    contents.push({
      content: payload === undefined ? { kind: 'text', text } : { kind: 'text', text, payload: payload.slice(0, 256) },
      // A first message from an ad or an m.me link carries its referral (ad id, ref): kept for attribution.
      keepRaw: message.referral !== undefined,
    });
  }
  for (const attachment of message.attachments ?? []) {
    // A link typed in the text arrives again as a "fallback" preview: the text already says it.
    if (attachment.type === 'fallback' && contents.length > 0) continue;
    const content = attachmentToContent(attachment);
    contents.push({ content, keepRaw: content.kind === 'unsupported' });
  }
  if (contents.length === 0) {
    const placeholder = message.is_unsupported === true ? '[unsupported message]' : '[empty message]';
    contents.push({ content: { kind: 'unsupported', placeholder, providerKind: 'message' }, keepRaw: true });
  }
  return contents.map(({ content, keepRaw }, index) => ({
    ...base,
    providerMessageId: index === 0 ? message.mid : `${message.mid}#${index}`.slice(0, 256),
    content,
    ...replyTo,
    ...(keepRaw ? { raw } : {}),
  }));
}

function identity(kind: MetaIdentityKind, value: string): IdentityClaim {
  // Meta signed the webhook: the scoped id is the sender's, verified.
  return { kind, value, verified: true };
}

/** Meta sends milliseconds, except a few events (referrals, dashboard tests) that send seconds. */
function toIso(timestamp: number): string | undefined {
  const ms = timestamp < 100_000_000_000 ? timestamp * 1000 : timestamp;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) || ms > 8.64e15 ? undefined : date.toISOString();
}
