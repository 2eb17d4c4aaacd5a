import { z } from 'zod';
import { channelTypeSchema } from '@fio/contracts';
import { issuesToWorkspaceErrors, parseYamlText } from '../../workspace/parse-yaml-file.ts';
import { formatFieldPath } from '../../workspace/workspace-error.ts';
import type { WorkspaceError } from '../../workspace/workspace-error.ts';
import { languageSchema, localizedTextSchema } from '../../workspace/workspace.schema.ts';
import { checkFaqEntry } from './check-faq-entry.ts';
import type { FaqEntry, FaqParseResult, FaqReadOptions, LocatedFaqEntry, LocatedFaqParseResult } from './faq-entry.ts';

const questionTextSchema = z.string().trim().min(1, 'must not be empty').max(500);

const faqEntrySchema = z.strictObject({
  id: z
    .string()
    .max(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens, e.g. payment-methods'),
  question: z
    .partialRecord(languageSchema, questionTextSchema)
    .refine((byLanguage) => Object.keys(byLanguage).length > 0, 'needs the question in at least one language'),
  paraphrases: z.partialRecord(languageSchema, z.array(questionTextSchema).max(200)).default({}),
  answer: localizedTextSchema,
  answerByChannel: z
    .partialRecord(
      z.enum(channelTypeSchema.options, { error: (issue) => `unknown channel type ${JSON.stringify(issue.input)}` }),
      localizedTextSchema,
    )
    .default({}),
  link: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  followUps: z
    .array(z.strictObject({ label: localizedTextSchema, payload: z.string().trim().min(1) }))
    .max(10)
    .default([]),
});

/** `faq/*.yaml`: `entries:` with one mapping per answer (see docs/faq-formats.md). */
export const faqFileSchema = z.strictObject({ entries: z.array(faqEntrySchema).min(1, 'list at least one entry') });

export function parseFaqYaml(file: string, text: string, options: FaqReadOptions): FaqParseResult {
  const result = parseLocatedFaqYaml(file, text, options);
  return result.ok ? { ok: true, entries: result.entries.map((located) => located.entry) } : result;
}

/** As `parseFaqYaml`, keeping each entry's locator for the workspace-wide checks. */
export function parseLocatedFaqYaml(file: string, text: string, options: FaqReadOptions): LocatedFaqParseResult {
  const read = parseYamlText(file, text, { env: {} });
  if (!read.ok) return read;
  const { parsed } = read;
  const shaped = faqFileSchema.safeParse(parsed.value);
  if (!shaped.success) return { ok: false, errors: issuesToWorkspaceErrors(parsed, shaped.error.issues) };

  const errors: WorkspaceError[] = [];
  const entries: LocatedFaqEntry[] = shaped.data.entries.map((data, index) => {
    const locate = (path: readonly PropertyKey[]): { line: number; column: number; field: string } => {
      const full = ['entries', index, ...path];
      const { line, column } = parsed.locate(full);
      return { line, column, field: formatFieldPath(full) };
    };
    const entry: FaqEntry = {
      id: data.id,
      question: data.question,
      paraphrases: data.paraphrases,
      answer: data.answer,
      answerByChannel: data.answerByChannel,
      ...(data.link === undefined ? {} : { link: data.link }),
      followUps: data.followUps,
      source: { file, line: locate([]).line },
    };
    for (const issue of checkFaqEntry(entry, options)) errors.push({ file, ...locate(issue.path), message: issue.message });
    return { entry, locate };
  });
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) } : { ok: true, entries };
}
