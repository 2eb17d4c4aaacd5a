import {
  channelTypeSchema,
  conversationStatusSchema,
  messageAuthorSchema,
  prioritySchema,
  slaKindSchema,
  slaStateSchema,
  type ChannelType,
  type ConversationStatus,
  type MessageAuthor,
  type Priority,
  type SlaKind,
  type SlaState,
} from '@fio/contracts';

/**
 * Text columns that hold one of a contract's enum values, read without casts: a value some later
 * writer invents falls back to a harmless default instead of breaking the whole list.
 */
export function readStatus(value: string): ConversationStatus {
  const parsed = conversationStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : 'bot';
}

export function readPriority(value: string | null | undefined): Priority {
  const parsed = prioritySchema.safeParse(value);
  return parsed.success ? parsed.data : 'normal';
}

export function readSlaState(value: string | null | undefined): SlaState {
  const parsed = slaStateSchema.safeParse(value);
  return parsed.success ? parsed.data : 'none';
}

export function readSlaKind(value: string | null | undefined): SlaKind | null {
  const parsed = slaKindSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function readChannelType(value: string | null | undefined): ChannelType | null {
  const parsed = channelTypeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function readAuthor(value: string): MessageAuthor {
  const parsed = messageAuthorSchema.safeParse(value);
  return parsed.success ? parsed.data : 'system';
}
