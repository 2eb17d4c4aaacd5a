import type { NoteView } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import { newId, type Db, type DbOrTx } from '../../storage/index.ts';
import type { Transact } from '../../storage/group-commit.ts';
import { parseMentions } from './parse-mentions.ts';
import { toNoteView } from './to-note-view.ts';

export interface AddNoteDeps {
  db: Db;
  transact: Transact;
  bus: EventBus;
  clock: () => Date;
}

export interface NoteAuthor {
  userId: string | null;
  tokenId: string;
  name: string;
}

/**
 * A private note on a conversation (agents see it, the customer never does). Mentions of the workspace's
 * active users become notification rows for them (not for the author), all in one transaction with the
 * note.added event; the live bus hears of it only after the commit.
 */
export async function addNote(
  deps: AddNoteDeps,
  input: { workspaceId: string; conversationId: string; contactId: string; text: string; author: NoteAuthor },
): Promise<NoteView> {
  const ws = input.workspaceId;
  const now = deps.clock().toISOString();
  const users = await listMentionableUsers(deps.db, ws);
  const mentions = parseMentions(input.text, users);
  const row = {
    id: newId('note'),
    workspace_id: ws,
    conversation_id: input.conversationId,
    author: input.author.userId ? `user:${input.author.userId}` : `token:${input.author.tokenId}`,
    author_name: input.author.name,
    text: input.text,
    mentions_json: JSON.stringify(mentions),
    created_at: now,
  };
  const note = toNoteView(row);
  const notified = mentions.filter((id) => id !== input.author.userId);
  await deps.transact(async (tx) => {
    await tx.insertInto('conversation_notes').values(row).execute();
    if (notified.length > 0)
      await tx
        .insertInto('notifications')
        .values(
          notified.map((userId) => ({
            id: newId('ntf'),
            workspace_id: ws,
            user_id: userId,
            kind: 'mention',
            conversation_id: input.conversationId,
            payload_json: JSON.stringify({
              noteId: note.id,
              authorId: note.authorId,
              authorName: note.authorName,
              text: note.text.slice(0, 280),
            }),
            created_at: now,
            read_at: null,
          })),
        )
        .execute();
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'note.added',
        conversationId: input.conversationId,
        contactId: input.contactId,
        payload: { noteId: note.id, author: row.author, mentions },
        occurredAt: now,
      },
    ]);
  });
  deps.bus.emit('note.added', { workspaceId: ws, note });
  return note;
}

async function listMentionableUsers(db: DbOrTx, workspaceId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .execute();
}
