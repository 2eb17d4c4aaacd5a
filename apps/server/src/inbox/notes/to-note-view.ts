import type { NoteView } from '@fio/contracts';
import type { ConversationNotesTable } from '../../storage/schema.ts';

/** A person's note names them by user id (what the inbox compares with who is signed in); a token's keeps 'token:<id>'. */
export function toNoteView(r: ConversationNotesTable): NoteView {
  const mentions: unknown = JSON.parse(r.mentions_json);
  return {
    id: r.id,
    conversationId: r.conversation_id,
    authorId: r.author.startsWith('user:') ? r.author.slice('user:'.length) : r.author,
    authorName: r.author_name,
    text: r.text,
    mentions: Array.isArray(mentions) ? mentions.filter((m): m is string => typeof m === 'string') : [],
    createdAt: r.created_at,
  };
}
