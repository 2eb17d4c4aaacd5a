import type { DbOrTx } from '../../storage/index.ts';
import type { ContactField } from '../../workspace/workspace.schema.ts';
import { createContactRepository, type Contact } from '../contact.repository.ts';
import type { SegmentRefresher } from '../segments/segment-refresher.ts';
import { exportedColumns } from './contact-csv-columns.ts';
import { escapeCsvCell } from './csv-cell.ts';

const pageSize = 500;

/**
 * Every contact of the workspace (merged tombstones left out) as CSV lines, header first: produced
 * page by page (keyset on the id), so a million contacts stream in constant memory. Attributes get one
 * column per declared field; lists join with `;`. Importing the result changes nothing.
 */
export async function* exportContactsCsv(
  db: DbOrTx,
  deps: { segments: SegmentRefresher },
  workspaceId: string,
  fields: readonly ContactField[],
): AsyncGenerator<string> {
  // A byte-order mark: spreadsheets then read the accents of "São Paulo" as UTF-8.
  yield `\uFEFF${[...exportedColumns, ...fields.map((f) => f.key)].map(escapeCsvCell).join(',')}\r\n`;
  const repo = createContactRepository(db, workspaceId);
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('merged_into', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    let chunk = '';
    for (const { id } of rows) {
      const contact = await repo.get(id);
      if (!contact) continue;
      const segments = await deps.segments.listForContact(db, workspaceId, id);
      chunk += `${csvLine(contact, segments, fields)}\r\n`;
    }
    yield chunk;
    after = rows.at(-1)?.id ?? after;
  }
}

function csvLine(contact: Contact, segments: string[], fields: readonly ContactField[]): string {
  const cells = [
    contact.id,
    contact.displayName ?? '',
    contact.email ?? '',
    contact.phone ?? '',
    contact.locale ?? '',
    contact.tags.join(';'),
    contact.createdAt,
    contact.updatedAt,
    segments.join(';'),
    ...fields.map((f) => attributeCell(contact.attributes[f.key])),
  ];
  return cells.map(escapeCsvCell).join(',');
}

function attributeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
