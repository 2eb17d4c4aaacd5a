import { parse } from 'csv-parse/sync';
import type { Language, WorkspaceError } from '../../workspace/index.ts';
import { supportedLanguages } from '../../workspace/workspace.schema.ts';
import { checkFaqEntry } from './check-faq-entry.ts';
import type { FaqEntry, FaqParseResult, FaqReadOptions, LocatedFaqEntry, LocatedFaqParseResult } from './faq-entry.ts';
import { slugifyQuestion } from './slugify-question.ts';

const knownColumns = ['id', 'language', 'question', 'answer', 'paraphrases', 'link'] as const;
type Column = (typeof knownColumns)[number];
const requiredColumns: readonly Column[] = ['question', 'answer'];

/**
 * `faq/*.csv`, the format a spreadsheet exports: a header row `id,language,question,answer,paraphrases,link`
 * and one row per entry and language; rows sharing an id are one entry. Paraphrases are separated by `|`.
 * A `;` or tab separator (Excel in pt-BR exports `;`) is recognised from the header.
 */
export function parseFaqCsv(file: string, text: string, options: FaqReadOptions): FaqParseResult {
  const result = parseLocatedFaqCsv(file, text, options);
  return result.ok ? { ok: true, entries: result.entries.map((located) => located.entry) } : result;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

interface Draft {
  entry: FaqEntry;
  /** First line of the row for each language, for errors. */
  rowLines: Partial<Record<Language, number>>;
}

export function parseLocatedFaqCsv(file: string, text: string, options: FaqReadOptions): LocatedFaqParseResult {
  const at = (line: number, field: string, message: string): WorkspaceError => ({ file, line, column: 1, field, message });
  const records: CsvRecord[] = [];
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // The record's line, kept aside: the typed API does not return `info` with the records.
      on_record: (record: string[], context) => {
        records.push({ record, info: { lines: context.lines } });
        return record;
      },
    });
  } catch (cause) {
    const line = typeof cause === 'object' && cause !== null && 'lines' in cause && typeof cause.lines === 'number' ? cause.lines : 1;
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, errors: [at(line, '', `CSV syntax error: ${message}`)] };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, errors: [at(1, '', `empty file; the first row must be the header ${knownColumns.join(',')}`)] };

  const errors: WorkspaceError[] = [];
  const columns = header.record.map((name) => name.trim().toLowerCase());
  columns.forEach((name, index) => {
    if (!knownColumns.some((known) => known === name)) {
      errors.push(
        at(1, name, `unknown column ${JSON.stringify(header.record[index])} (column ${index + 1}); expected ${knownColumns.join(', ')}`),
      );
    } else if (columns.indexOf(name) !== index) {
      errors.push(at(1, name, `column "${name}" appears twice`));
    }
  });
  for (const name of requiredColumns) if (!columns.includes(name)) errors.push(at(1, name, `missing required column "${name}"`));
  if (errors.length > 0) return { ok: false, errors };

  const drafts = new Map<string, Draft>();
  for (const row of rows) {
    const line = startLine(row);
    if (row.record.length !== columns.length) {
      errors.push(at(line, '', `row has ${row.record.length} fields; the header has ${columns.length}`));
      continue;
    }
    const cell = (name: Column): string => (row.record[columns.indexOf(name)] ?? '').trim();
    const question = cell('question');
    const answer = cell('answer');
    const languageCell = cell('language');
    const rowErrors: WorkspaceError[] = [];
    if (!question) rowErrors.push(at(line, 'question', 'must not be empty'));
    if (!answer) rowErrors.push(at(line, 'answer', 'must not be empty'));
    const language = languageCell
      ? supportedLanguages.find((known) => known.toLowerCase() === languageCell.toLowerCase())
      : options.defaultLanguage;
    if (!language)
      rowErrors.push(
        at(line, 'language', `unsupported language ${JSON.stringify(languageCell)}; expected one of ${supportedLanguages.join(', ')}`),
      );
    const id = cell('id') || slugifyQuestion(question);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || id.length > 64) {
      rowErrors.push(at(line, 'id', `id ${JSON.stringify(id)} must be a slug: lower-case letters, digits and single hyphens`));
    }
    const link = cell('link');
    if (link && !isHttpUrl(link)) rowErrors.push(at(line, 'link', 'must be an http(s) URL'));
    if (rowErrors.length > 0 || !language) {
      errors.push(...rowErrors);
      continue;
    }

    const draft = drafts.get(id) ?? { entry: emptyEntry(id, file, line), rowLines: {} };
    drafts.set(id, draft);
    const earlierRow = draft.rowLines[language];
    if (earlierRow !== undefined) {
      errors.push(at(line, 'language', `entry "${id}" already has a ${language} row (line ${earlierRow})`));
      continue;
    }
    if (link && draft.entry.link !== undefined && draft.entry.link !== link) {
      errors.push(at(line, 'link', `entry "${id}" already has the link ${draft.entry.link}; an entry has one link`));
      continue;
    }
    draft.rowLines[language] = line;
    draft.entry.question[language] = question;
    draft.entry.answer[language] = answer;
    const paraphrases = cell('paraphrases')
      .split('|')
      .map((paraphrase) => paraphrase.trim())
      .filter((paraphrase) => paraphrase.length > 0);
    if (paraphrases.length > 0) draft.entry.paraphrases[language] = paraphrases;
    if (link) draft.entry.link = link;
  }

  const entries: LocatedFaqEntry[] = [];
  for (const { entry, rowLines } of drafts.values()) {
    const locate = (path: readonly PropertyKey[]): { line: number; column: number; field: string } => {
      const language = supportedLanguages.find((known) => known === path[1]);
      const line = (language && rowLines[language]) ?? entry.source.line;
      return { line, column: 1, field: typeof path[0] === 'string' ? path[0] : '' };
    };
    for (const issue of checkFaqEntry(entry, options)) {
      const where = locate(issue.path);
      errors.push({ file, ...where, message: `entry "${entry.id}": ${issue.message}` });
    }
    entries.push({ entry, locate });
  }
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, entries };
}

function emptyEntry(id: string, file: string, line: number): FaqEntry {
  return { id, question: {}, paraphrases: {}, answer: {}, answerByChannel: {}, followUps: [], source: { file, line } };
}

/** csv-parse reports the line a record ends on; a quoted field may span lines. */
function startLine(row: CsvRecord): number {
  const inner = row.record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
  return row.info.lines - inner;
}

function detectDelimiter(text: string): string {
  const headerLine = text.split('\n', 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, headerLine.split(delimiter).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
