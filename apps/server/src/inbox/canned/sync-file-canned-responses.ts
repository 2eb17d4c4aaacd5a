import type { Db } from '../../storage/index.ts';
import { newId } from '../../storage/index.ts';
import { fileManagedMarker } from './canned-response.repository.ts';

export interface FileCannedResponse {
  shortcut: string;
  title: string;
  body: string;
  language?: string | undefined;
  /** A team key of the workspace: the response is for that team's members only. */
  team?: string | undefined;
}

/**
 * workspace.yaml's `cannedResponses:` is the truth for the responses it declares: on start they are
 * created or brought up to date (by shortcut and language), and file-managed ones no longer declared are
 * removed. Responses created through the API are left alone; one with a declared shortcut becomes
 * file-managed. A team key the workspace does not have leaves the response for everyone.
 */
export async function syncFileCannedResponses(
  db: Db,
  workspaceId: string,
  declared: readonly FileCannedResponse[],
  now: string,
): Promise<void> {
  const teams = new Map(
    (await db.selectFrom('teams').select(['id', 'key']).where('workspace_id', '=', workspaceId).execute()).map((t) => [t.key, t.id]),
  );
  const existing = await db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId).execute();
  const keyOf = (shortcut: string, language: string) => `${shortcut}\u0000${language}`;
  const byKey = new Map(existing.map((r) => [keyOf(r.shortcut, r.language), r]));
  const kept = new Set<string>();
  for (const item of declared) {
    const language = item.language ?? '';
    const key = keyOf(item.shortcut, language);
    kept.add(key);
    const values = {
      title: item.title,
      body: item.body,
      team_id: item.team ? (teams.get(item.team) ?? null) : null,
      created_by: fileManagedMarker,
    };
    const row = byKey.get(key);
    if (!row)
      await db
        .insertInto('canned_responses')
        .values({
          id: newId('cnr'),
          workspace_id: workspaceId,
          shortcut: item.shortcut,
          language,
          ...values,
          created_at: now,
          updated_at: now,
        })
        .execute();
    else if (
      row.title !== values.title ||
      row.body !== values.body ||
      row.team_id !== values.team_id ||
      row.created_by !== fileManagedMarker
    )
      await db
        .updateTable('canned_responses')
        .set({ ...values, updated_at: now })
        .where('id', '=', row.id)
        .execute();
  }
  const gone = existing.filter((r) => r.created_by === fileManagedMarker && !kept.has(keyOf(r.shortcut, r.language))).map((r) => r.id);
  if (gone.length > 0) await db.deleteFrom('canned_responses').where('workspace_id', '=', workspaceId).where('id', 'in', gone).execute();
}
