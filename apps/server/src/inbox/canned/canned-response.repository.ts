import { sql } from 'kysely';
import type { CannedResponseView } from '@fio/contracts';
import { newId, type DbOrTx } from '../../storage/index.ts';
import type { CannedResponsesTable } from '../../storage/schema.ts';

/** created_by of the canned responses workspace.yaml declares: read-only through the API. */
export const fileManagedMarker = 'file:workspace.yaml';

/** Who is reading: team-scoped responses are for the team's members, supervisors and admins. */
export interface CannedReader {
  role: 'admin' | 'supervisor' | 'agent' | 'bot_editor';
  teamIds: readonly string[];
}

export interface CannedResponse extends CannedResponseView {
  fileManaged: boolean;
}

export interface CannedResponseInput {
  shortcut: string;
  title: string;
  body: string;
  language: string | null;
  teamId: string | null;
}

function toCannedResponse(r: CannedResponsesTable): CannedResponse {
  return {
    id: r.id,
    shortcut: r.shortcut,
    title: r.title,
    body: r.body,
    language: r.language === '' ? null : r.language,
    teamId: r.team_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    fileManaged: r.created_by === fileManagedMarker,
  };
}

export function toCannedResponseView(c: CannedResponse): CannedResponseView {
  const { fileManaged: _fileManaged, ...view } = c;
  return view;
}

function seesAllTeams(reader: CannedReader): boolean {
  return reader.role === 'admin' || reader.role === 'supervisor';
}

/** A workspace's canned responses, as one reader may see them. */
export function createCannedResponseRepository(db: DbOrTx, workspaceId: string) {
  const visible = (reader: CannedReader) =>
    db
      .selectFrom('canned_responses')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .$if(!seesAllTeams(reader), (qb) =>
        qb.where((eb) =>
          reader.teamIds.length > 0
            ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', [...reader.teamIds])])
            : eb('team_id', 'is', null),
        ),
      );
  return {
    /**
     * By shortcut then id; `q` keeps those whose shortcut or title starts with it (case-insensitive), so
     * the composer's "/tr" finds "troca". `after` is the (shortcut, id) of the last one of the page before.
     */
    async list(
      reader: CannedReader,
      page: { q?: string | undefined; after?: { shortcut: string; id: string } | undefined; limit: number },
    ): Promise<CannedResponse[]> {
      const prefix = page.q ? `${escapeLike(page.q.toLowerCase())}%` : null;
      const rows = await visible(reader)
        .$if(prefix !== null, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb(sql`lower(shortcut)`, 'like', sql<string>`${prefix ?? ''} escape '\\'`),
              eb(sql`lower(title)`, 'like', sql<string>`${prefix ?? ''} escape '\\'`),
            ]),
          ),
        )
        .$if(page.after !== undefined, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('shortcut', '>', page.after?.shortcut ?? ''),
              eb.and([eb('shortcut', '=', page.after?.shortcut ?? ''), eb('id', '>', page.after?.id ?? '')]),
            ]),
          ),
        )
        .orderBy('shortcut')
        .orderBy('id')
        .limit(page.limit)
        .execute();
      return rows.map(toCannedResponse);
    },

    async get(reader: CannedReader, id: string): Promise<CannedResponse | null> {
      const row = await visible(reader).where('id', '=', id).executeTakeFirst();
      return row ? toCannedResponse(row) : null;
    },

    /** Another response already uses this shortcut for this language (null: every language). */
    async shortcutTaken(shortcut: string, language: string | null, exceptId?: string): Promise<boolean> {
      const row = await db
        .selectFrom('canned_responses')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('shortcut', '=', shortcut)
        .where('language', '=', language ?? '')
        .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId ?? ''))
        .executeTakeFirst();
      return row !== undefined;
    },

    async create(input: CannedResponseInput, createdBy: string, now: string): Promise<CannedResponse> {
      const row: CannedResponsesTable = {
        id: newId('cnr'),
        workspace_id: workspaceId,
        shortcut: input.shortcut,
        title: input.title,
        body: input.body,
        language: input.language ?? '',
        team_id: input.teamId,
        created_by: createdBy,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('canned_responses').values(row).execute();
      return toCannedResponse(row);
    },

    async update(id: string, input: CannedResponseInput, now: string): Promise<void> {
      await db
        .updateTable('canned_responses')
        .set({
          shortcut: input.shortcut,
          title: input.title,
          body: input.body,
          language: input.language ?? '',
          team_id: input.teamId,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async remove(id: string): Promise<void> {
      await db.deleteFrom('canned_responses').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    },
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
