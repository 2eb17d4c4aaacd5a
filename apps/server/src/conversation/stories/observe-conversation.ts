import {
  pageSchema,
  contactViewSchema,
  conversationViewSchema,
  messageViewSchema,
  type ContactView,
  type ConversationView,
  type MessageView,
} from '@fio/contracts';
import type { z } from 'zod';
import { listConversationEvents, type StoredEvent } from '../../events/event-log.ts';
import type { StoryApp } from './start-story-app.ts';

/** Everything the runner reads back after a turn: through Fio's admin API, events from the event log. */
export interface ConversationObservation {
  contacts: ContactView[];
  conversation: ConversationView | null;
  messages: MessageView[];
  events: StoredEvent[];
}

/**
 * Reads the customer's conversation the way an agent's tools would: the workspace's contacts, the
 * most recent conversation of `contactId`, all its messages and its events.
 */
export async function observeConversation(app: StoryApp, contactId: string): Promise<ConversationObservation> {
  const contacts = await readAll(app, '/api/v1/contacts', contactViewSchema);
  const conversations = await readAll(app, `/api/v1/conversations?contactId=${encodeURIComponent(contactId)}`, conversationViewSchema);
  const conversation =
    conversations.sort((a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt))[0] ?? null;
  if (!conversation) return { contacts, conversation: null, messages: [], events: [] };
  const messages = await readAll(app, `/api/v1/conversations/${conversation.id}/messages`, messageViewSchema);
  const events = await listConversationEvents(app.app.database.db, app.workspaceId, conversation.id);
  return { contacts, conversation, messages: messages.sort((a, b) => a.seq - b.seq), events };
}

async function readAll<T extends z.ZodType>(app: StoryApp, path: string, item: T): Promise<z.infer<T>[]> {
  const schema = pageSchema(item);
  const out: z.infer<T>[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${app.baseUrl}${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${app.adminToken}` } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    const page = schema.parse(await res.json());
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
