import { parse } from 'csv-parse/sync';
import type { ContactField } from '../../workspace/workspace.schema.ts';
import { importColumnOf, type ImportColumn } from './contact-csv-columns.ts';
import { unescapeCsvCell } from './csv-cell.ts';

export interface CsvRowError {
  /** The row's line in the file (the header is line 1). */
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface ContactCsv {
  columns: Array<{ header: string; column: ImportColumn }>;
  rows: Array<{ row: number; cells: string[] }>;
}

/**
 * Reads a contact CSV: header row, `,` `;` or tab (seen in the header), UTF-8 with or without BOM.
 * Every header cell must mean something (a fixed column or a declared field), else nothing is read:
 * a typo in a column name would otherwise drop that column from every row without a word.
 */
export function parseContactsCsv(
  text: string,
  fields: readonly ContactField[],
): { ok: true; csv: ContactCsv } | { ok: false; errors: CsvRowError[] } {
  const records: Array<{ row: number; cells: string[] }> = [];
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      on_record: (record: string[], context) => {
        records.push({ row: context.lines, cells: record });
        return record;
      },
    });
  } catch (cause) {
    const row = typeof cause === 'object' && cause !== null && 'lines' in cause && typeof cause.lines === 'number' ? cause.lines : 1;
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, errors: [{ row, field: '', code: 'invalid_csv', message: `CSV syntax error: ${message}` }] };
  }
  const [header, ...rows] = records;
  if (!header)
    return { ok: false, errors: [{ row: 1, field: '', code: 'invalid_csv', message: 'empty file; the first row names the columns' }] };
  const errors: CsvRowError[] = [];
  const columns: ContactCsv['columns'] = [];
  const seen = new Map<string, string>();
  for (const cell of header.cells) {
    const name = cell.trim();
    const column = importColumnOf(name, fields);
    if (!column) {
      errors.push({
        row: 1,
        field: name,
        code: 'unknown_column',
        message: `unknown column "${name}"; use id, name, email, phone, locale, tags, external_id or a contact field (${fields.map((f) => f.key).join(', ') || 'none declared'})`,
      });
      continue;
    }
    const target = column.kind === 'attribute' ? `attributes.${column.key}` : column.kind === 'profile' ? column.key : column.kind;
    const twice = seen.get(target);
    if (twice !== undefined && column.kind !== 'ignored')
      errors.push({ row: 1, field: name, code: 'duplicate_column', message: `"${name}" and "${twice}" are the same column` });
    seen.set(target, name);
    columns.push({ header: name, column });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    csv: { columns, rows: rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => unescapeCsvCell(c.trim())) })) },
  };
}

/** The separator the header uses most: Excel in pt-BR writes `;`, some tools a tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const [best] = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}
