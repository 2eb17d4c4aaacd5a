import { sql } from 'kysely';
import type { DbOrTx } from '../../storage/index.ts';
import { normalizeEmail, normalizePhone } from '../normalize-identity.ts';

export interface ContactListFilter {
  email?: string | undefined;
  phone?: string | undefined;
  tag?: string | undefined;
  segment?: string | undefined;
  /** Prefix of the name, the e-mail or the phone (digits). */
  q?: string | undefined;
}

/** `%` and `_` are wildcards in LIKE: a tag or a search text containing them matches them literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The ids of a page of contacts, newest first (ids are time-ordered), without merged tombstones.
 * Filters combine with AND; an invalid e-mail or phone filter matches nobody.
 */
export async function listContactIds(
  db: DbOrTx,
  workspaceId: string,
  filter: ContactListFilter,
  page: { after?: string | undefined; limit: number },
): Promise<string[]> {
  const identityFilters: Array<{ kind: 'email' | 'phone'; value: string }> = [];
  if (filter.email !== undefined) identityFilters.push({ kind: 'email', value: normalizeEmail(filter.email) ?? '' });
  if (filter.phone !== undefined) identityFilters.push({ kind: 'phone', value: normalizePhone(filter.phone) ?? '' });
  const q = filter.q?.trim().toLowerCase();
  const qDigits = q?.replace(/[^\d]/g, '') ?? '';
  const rows = await identityFilters
    .reduce(
      (qb, f) =>
        qb.where('id', 'in', (eb) =>
          eb
            .selectFrom('identities')
            .select('contact_id')
            .where('workspace_id', '=', workspaceId)
            .where('kind', '=', f.kind)
            .where('value', '=', f.value),
        ),
      db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('merged_into', 'is', null),
    )
    .$if(filter.tag !== undefined, (qb) =>
      qb.where(sql<boolean>`tags_json like ${`%${likeLiteral(JSON.stringify(filter.tag?.trim() ?? ''))}%`} escape '\\'`),
    )
    .$if(filter.segment !== undefined, (qb) =>
      qb.where('id', 'in', (eb) =>
        eb
          .selectFrom('segment_memberships')
          .select('contact_id')
          .where('workspace_id', '=', workspaceId)
          .where('segment_id', '=', filter.segment ?? ''),
      ),
    )
    .$if(!!q, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb(sql`lower(display_name)`, 'like', sql<string>`${`${likeLiteral(q ?? '')}%`} escape '\\'`),
          eb(
            'id',
            'in',
            eb
              .selectFrom('identities')
              .select('contact_id')
              .where('workspace_id', '=', workspaceId)
              .where((ib) =>
                ib.or([
                  ib.and([ib('kind', '=', 'email'), ib('value', 'like', sql<string>`${`${likeLiteral(q ?? '')}%`} escape '\\'`)]),
                  ...(qDigits.length >= 3 ? [ib.and([ib('kind', '=', 'phone'), ib('value', 'like', `+${qDigits}%`)])] : []),
                ]),
              ),
          ),
        ]),
      ),
    )
    .$if(page.after !== undefined, (qb) => qb.where('id', '<', page.after ?? ''))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}
