import type { NoteView } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { toNoteView } from './to-note-view.ts';

/** A conversation's private notes, oldest first, after the note `afterId` (ids grow with time). */
export async function listNotes(
  db: DbOrTx,
  workspaceId: string,
  conversationId: string,
  page: { afterId?: string | undefined; limit: number },
): Promise<{ notes: NoteView[]; more: boolean }> {
  const rows = await db
    .selectFrom('conversation_notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .$if(page.afterId !== undefined, (qb) => qb.where('id', '>', page.afterId ?? ''))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return { notes: rows.slice(0, page.limit).map(toNoteView), more: rows.length > page.limit };
}
