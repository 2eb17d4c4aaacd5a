import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { WorkspaceError } from '../../workspace/index.ts';
import type { FaqParseResult, FaqReadOptions, LocatedFaqEntry, LocatedFaqParseResult } from './faq-entry.ts';
import { parseLocatedFaqCsv } from './parse-faq-csv.ts';
import { parseLocatedFaqMarkdown } from './parse-faq-markdown.ts';
import { parseLocatedFaqYaml } from './parse-faq-yaml.ts';

const parsers: Readonly<Record<string, (file: string, text: string, options: FaqReadOptions) => LocatedFaqParseResult>> = {
  '.yaml': parseLocatedFaqYaml,
  '.yml': parseLocatedFaqYaml,
  '.csv': parseLocatedFaqCsv,
  '.md': parseLocatedFaqMarkdown,
};

/**
 * The knowledge base of a workspace: every `faq/*.yaml`, `*.csv` and `*.md`, in name order. A
 * workspace without a `faq/` folder simply has no FAQ. Ids are unique across files and `faq:`
 * follow-ups must name an entry; every error names its file and line.
 */
export async function readWorkspaceFaq(workspaceDir: string, options: FaqReadOptions): Promise<FaqParseResult> {
  const dir = join(workspaceDir, 'faq');
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((dirent) => dirent.isFile() && parsers[extname(dirent.name).toLowerCase()] !== undefined)
      .map((dirent) => dirent.name)
      .sort();
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && cause.code === 'ENOENT') return { ok: true, entries: [] };
    return { ok: false, errors: [{ file: dir, line: 1, column: 1, field: '', message: `cannot read folder: ${String(cause)}` }] };
  }

  const errors: WorkspaceError[] = [];
  const located: LocatedFaqEntry[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parse = parsers[extname(name).toLowerCase()];
    if (!parse) continue;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      errors.push({ file, line: 1, column: 1, field: '', message: `cannot read file: ${String(cause)}` });
      continue;
    }
    const parsed = parse(file, text, options);
    if (parsed.ok) located.push(...parsed.entries);
    else errors.push(...parsed.errors);
  }
  errors.push(...checkAcrossFiles(located));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries: located.map(({ entry }) => entry) };
}

function checkAcrossFiles(located: readonly LocatedFaqEntry[]): WorkspaceError[] {
  const errors: WorkspaceError[] = [];
  const firstById = new Map<string, LocatedFaqEntry>();
  for (const item of located) {
    const earlier = firstById.get(item.entry.id);
    if (earlier) {
      const where = `${earlier.entry.source.file}:${earlier.entry.source.line}`;
      errors.push({
        file: item.entry.source.file,
        ...item.locate(['id']),
        message: `FAQ id "${item.entry.id}" is already used at ${where}`,
      });
    } else {
      firstById.set(item.entry.id, item);
    }
  }
  for (const item of located) {
    item.entry.followUps.forEach((followUp, index) => {
      if (!followUp.payload.startsWith('faq:')) return;
      const target = followUp.payload.slice('faq:'.length);
      if (firstById.has(target)) return;
      errors.push({
        file: item.entry.source.file,
        ...item.locate(['followUps', index, 'payload']),
        message: `no FAQ entry has the id "${target}"`,
      });
    });
  }
  return errors;
}
