import type { Content, ConversationStatus, MessageView, ServerFrame } from '@fio/contracts';
import { readField, readNumber, readString } from './read-field.ts';

/**
 * The widget's edge: turns one WebSocket text frame into a typed ServerFrame, or null. zod would
 * triple the bundle, so this checks by hand only what the widget reads; content it cannot trust
 * degrades to the message's plain-text rendering instead of breaking the conversation.
 */
const STATUSES: readonly ConversationStatus[] = ['bot', 'queued', 'assigned', 'resolved'];
const AUTHORS: readonly MessageView['author'][] = ['contact', 'bot', 'agent', 'system'];
const DELIVERY: readonly MessageView['status'][] = ['pending', 'sent', 'delivered', 'read', 'failed'];

function pickFrom<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((item) => item === value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function hasOptions(value: unknown, idKey: string, labelKey: string): boolean {
  return Array.isArray(value) && value.every((o) => typeof readField(o, idKey) === 'string' && typeof readField(o, labelKey) === 'string');
}

/** True when every field the renderer reads for this kind has the right type. */
function isContent(value: unknown): value is Content {
  switch (readField(value, 'kind')) {
    case 'text': {
      const quickReplies = readField(value, 'quickReplies');
      return typeof readField(value, 'text') === 'string' && (quickReplies === undefined || hasOptions(quickReplies, 'id', 'label'));
    }
    case 'list': {
      const sections = readField(value, 'sections');
      return (
        typeof readField(value, 'text') === 'string' &&
        Array.isArray(sections) &&
        sections.every((s) => hasOptions(readField(s, 'rows'), 'id', 'title'))
      );
    }
    case 'media':
      return typeof readField(value, 'url') === 'string' && typeof readField(value, 'mediaType') === 'string';
    case 'location':
      return readNumber(value, 'latitude') !== undefined && readNumber(value, 'longitude') !== undefined;
    case 'contact_card':
      return (
        typeof readField(value, 'name') === 'string' &&
        isStringArray(readField(value, 'phones') ?? []) &&
        isStringArray(readField(value, 'emails') ?? [])
      );
    case 'template':
      return typeof readField(value, 'name') === 'string';
    case 'unsupported':
      return typeof readField(value, 'placeholder') === 'string';
    default:
      return false;
  }
}

export function parseMessageView(value: unknown): MessageView | null {
  const id = readString(value, 'id');
  const seq = readNumber(value, 'seq');
  const direction = readField(value, 'direction');
  const author = pickFrom(AUTHORS, readField(value, 'author'));
  const text = readString(value, 'text') ?? '';
  if (!id || seq === undefined || (direction !== 'inbound' && direction !== 'outbound') || !author) return null;
  const rawContent = readField(value, 'content');
  const content: Content = isContent(rawContent) ? rawContent : { kind: 'unsupported', placeholder: text, providerKind: 'widget' };
  return {
    id,
    conversationId: readString(value, 'conversationId') ?? '',
    seq,
    direction,
    author,
    channelType: null,
    connectionId: null,
    content,
    text,
    providerMessageId: null,
    status: pickFrom(DELIVERY, readField(value, 'status')) ?? 'sent',
    error: null,
    createdAt: readString(value, 'createdAt') ?? new Date().toISOString(),
  };
}

function parseFrameObject(data: unknown): ServerFrame | null {
  switch (readField(data, 'type')) {
    case 'welcome': {
      const history = readField(data, 'history');
      const settings = readField(data, 'settings');
      const greeting = readString(settings, 'greeting');
      return {
        type: 'welcome',
        conversationId: readString(data, 'conversationId') ?? null,
        status: pickFrom(STATUSES, readField(data, 'status')) ?? null,
        history: Array.isArray(history) ? history.map(parseMessageView).filter((m) => m !== null) : [],
        settings: {
          title: readString(settings, 'title') ?? '',
          locale: readString(settings, 'locale') ?? '',
          ...(greeting ? { greeting } : {}),
        },
      };
    }
    case 'message': {
      const message = parseMessageView(readField(data, 'message'));
      return message ? { type: 'message', message } : null;
    }
    case 'ack': {
      const clientMessageId = readString(data, 'clientMessageId');
      const messageId = readString(data, 'messageId');
      const seq = readNumber(data, 'seq');
      if (!clientMessageId || !messageId || seq === undefined) return null;
      return { type: 'ack', clientMessageId, messageId, seq, duplicate: readField(data, 'duplicate') === true };
    }
    case 'typing': {
      const author = readField(data, 'author') === 'agent' ? 'agent' : 'bot';
      return { type: 'typing', on: readField(data, 'on') === true, author };
    }
    case 'status': {
      const status = pickFrom(STATUSES, readField(data, 'status'));
      return status ? { type: 'status', status } : null;
    }
    case 'error': {
      const clientMessageId = readString(data, 'clientMessageId');
      return {
        type: 'error',
        code: readString(data, 'code') ?? 'unknown',
        message: readString(data, 'message') ?? '',
        ...(clientMessageId ? { clientMessageId } : {}),
      };
    }
    case 'pong':
      return { type: 'pong' };
    default:
      return null;
  }
}

export function parseServerFrame(raw: unknown): ServerFrame | null {
  if (typeof raw !== 'string') return null;
  try {
    return parseFrameObject(JSON.parse(raw));
  } catch {
    return null;
  }
}
