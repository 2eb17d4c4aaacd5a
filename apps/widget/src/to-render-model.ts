import type { Content, MessageView } from '@fio/contracts';
import type { ChatState } from './chat-state.ts';
import type { OutboxEntry } from './outbox.ts';
import { toMapUrl, toSafeHttpUrl } from './safe-url.ts';
import type { WidgetStrings } from './strings.ts';

/**
 * Maps the chat state to what the panel shows: bubbles made of plain parts (text is always text,
 * URLs are already checked), the quick replies on offer, and the header and notice lines.
 */
export interface Choice {
  id: string;
  label: string;
  description?: string;
}

export type RenderPart =
  | { type: 'text'; text: string }
  | { type: 'image'; url: string; alt: string }
  | { type: 'link'; url: string; label: string }
  /** List rows: buttons, enabled only while the item is `active`. */
  | { type: 'choices'; title?: string; choices: Choice[] };

export interface RenderItem {
  /** Stable across pending → acked → echoed, so the DOM node (and screen-reader announcement) is kept. */
  key: string;
  side: 'visitor' | 'business' | 'system';
  author: MessageView['author'];
  parts: RenderPart[];
  /** ISO time, empty for the greeting. */
  createdAt: string;
  delivery: 'sent' | 'pending' | 'failed';
  /** The latest business message, not yet answered: its list rows can be picked. */
  active: boolean;
}

export interface RenderModel {
  title: string;
  subtitle: string | null;
  items: RenderItem[];
  quickReplies: Choice[];
  typing: boolean;
  unread: number;
  notice: string | null;
}

function textParts(text: string): RenderPart[] {
  return text ? [{ type: 'text', text }] : [];
}

/** Every content kind becomes text, list choices, and links and images whose URLs were checked. */
export function toMessageParts(content: Content, fallbackText: string, strings: WidgetStrings): RenderPart[] {
  switch (content.kind) {
    case 'text':
      return textParts(content.text);
    case 'list': {
      const parts = textParts(content.text);
      for (const section of content.sections) {
        const choices = section.rows.map((r) => ({ id: r.id, label: r.title, ...(r.description ? { description: r.description } : {}) }));
        parts.push({ type: 'choices', ...(section.title ? { title: section.title } : {}), choices });
      }
      return parts;
    }
    case 'media': {
      const url = toSafeHttpUrl(content.url);
      const label = content.filename ?? strings.openFile;
      const parts: RenderPart[] = [];
      if (url && content.mediaType === 'image') parts.push({ type: 'image', url, alt: content.caption ?? content.filename ?? '' });
      if (url) parts.push({ type: 'link', url, label });
      return [...parts, ...textParts(content.caption ?? (url ? '' : fallbackText))];
    }
    case 'location': {
      const label = [content.name, content.address].filter(Boolean).join(' — ');
      return [...textParts(label), { type: 'link', url: toMapUrl(content.latitude, content.longitude), label: strings.viewOnMap }];
    }
    case 'contact_card':
      return textParts([content.name, ...content.phones, ...content.emails].join('\n'));
    case 'template':
      return textParts(content.fallbackText ?? fallbackText);
    case 'unsupported':
      return textParts(content.placeholder || fallbackText);
  }
}

/** The last business message offers its options only while the visitor has not answered since. */
function findActiveMessage(state: ChatState, outbox: readonly OutboxEntry[]): MessageView | null {
  const last = state.messages[state.messages.length - 1];
  if (!last || last.direction !== 'outbound' || outbox.length > 0) return null;
  return last;
}

function toQuickReplies(message: MessageView | null): Choice[] {
  if (message?.content.kind !== 'text') return [];
  return (message.content.quickReplies ?? []).map((q) => ({ id: q.id, label: q.label }));
}

function toSubtitle(state: ChatState, strings: WidgetStrings): string | null {
  switch (state.status) {
    case 'queued':
      return strings.statusQueued;
    case 'assigned':
      return strings.statusAssigned;
    case 'resolved':
      return strings.statusResolved;
    case 'bot':
    case null:
      return null;
  }
}

function toPendingItem(entry: OutboxEntry, delivery: 'pending' | 'failed'): RenderItem {
  return {
    key: entry.clientMessageId,
    side: 'visitor',
    author: 'contact',
    parts: textParts(entry.text),
    createdAt: entry.createdAt,
    delivery,
    active: false,
  };
}

export function toRenderModel(state: ChatState, outbox: readonly OutboxEntry[], strings: WidgetStrings): RenderModel {
  const active = findActiveMessage(state, outbox);
  const items: RenderItem[] = [];
  if (state.greeting) {
    items.push({
      key: 'greeting',
      side: 'business',
      author: 'bot',
      parts: textParts(state.greeting),
      createdAt: '',
      delivery: 'sent',
      active: false,
    });
  }
  for (const m of state.messages) {
    items.push({
      key: state.clientIds[m.id] ?? m.id,
      side: m.direction === 'inbound' ? 'visitor' : m.author === 'system' ? 'system' : 'business',
      author: m.author,
      parts: toMessageParts(m.content, m.text, strings),
      createdAt: m.createdAt,
      delivery: m.status === 'failed' ? 'failed' : 'sent',
      active: m === active,
    });
  }
  const shown = new Set(Object.values(state.clientIds));
  for (const entry of state.failed) if (!shown.has(entry.clientMessageId)) items.push(toPendingItem(entry, 'failed'));
  for (const entry of outbox) if (!shown.has(entry.clientMessageId)) items.push(toPendingItem(entry, 'pending'));
  return {
    title: state.title || strings.defaultTitle,
    subtitle: toSubtitle(state, strings),
    items,
    quickReplies: toQuickReplies(active),
    typing: state.typing !== null,
    unread: state.unread,
    notice: state.notice === null ? null : state.notice === 'rate_limited' ? strings.errorRateLimited : strings.errorGeneric,
  };
}
