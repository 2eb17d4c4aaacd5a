import type { ContactView, ConversationView, IdentityKind, MessageView } from '@fio/contracts';
import { createContactRepository, normalizeIdentity, toContactView } from '../contacts/index.ts';
import { createConversationRepository, createMessageRepository, toConversationView, toMessageView } from '../conversation/index.ts';
import type { Db } from '../storage/index.ts';

export interface PersonConversation {
  contact: ContactView | null;
  conversation: ConversationView | null;
  messages: MessageView[];
}

const messageLimit = 200;

/**
 * The one conversation Fio has for the person behind an identity (their open one, else their latest),
 * read-only, for the playground's live view. Nobody is created by looking.
 */
export async function findPersonConversation(db: Db, workspaceId: string, kind: IdentityKind, value: string): Promise<PersonConversation> {
  const claim = normalizeIdentity({ kind, value, verified: false });
  const empty = { contact: null, conversation: null, messages: [] };
  if (!claim) return empty;
  const contacts = createContactRepository(db, workspaceId);
  const [identity] = await contacts.findIdentities([claim]);
  const contact = identity ? await contacts.get(identity.contactId) : null;
  if (!contact) return empty;
  const conversations = createConversationRepository(db, workspaceId);
  const conversation = (await conversations.findOpenForContact(contact.id)) ?? (await conversations.findLatestForContact(contact.id));
  const messages = conversation ? await createMessageRepository(db, workspaceId).listLatest(conversation.id, messageLimit) : [];
  return {
    contact: await toContactView(contacts, contact),
    conversation: conversation ? toConversationView(conversation) : null,
    messages: messages.map(toMessageView),
  };
}
