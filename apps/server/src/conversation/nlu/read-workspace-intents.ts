import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { issuesToWorkspaceErrors, readYamlFile } from '../../workspace/parse-yaml-file.ts';
import { supportedLanguages, type WorkspaceError } from '../../workspace/index.ts';
import { outOfScopeIntent, type IntentExample } from './intent-classifier.ts';

/**
 * Training examples from a workspace's `intents/` folder: one YAML file per intent,
 *
 *     intent: order_status
 *     examples:
 *       pt-BR: [cadê meu pedido, meu pedido ainda não chegou]
 *       en: [where is my order]
 *
 * (`es` as well; an `out_of_scope` file lists messages that belong to no intent, used only to pick
 * the out-of-scope threshold). Errors name file, line and field like the rest of the workspace.
 * Belongs with the workspace loader once it reads `intents/` itself.
 */
const localizedSchema = z.partialRecord(z.enum(supportedLanguages), z.string().trim().min(1).max(4096));

/** A quick reply offered after an answer; the payload says what picking it does. */
export const followUpSchema = z.strictObject({
  label: localizedSchema,
  payload: z.string().regex(/^(?:faq|intent|flow):[A-Za-z0-9_-]{1,64}$/, 'must be faq:ID, intent:NAME or flow:ID'),
});

export const intentFileSchema = z.strictObject({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case, e.g. order_status'),
  /** How the bot names the intent when it asks "did you mean ...?" (defaults to the first example). */
  label: localizedSchema.optional(),
  examples: z
    .partialRecord(z.enum(supportedLanguages), z.array(z.string().trim().min(1, 'must not be empty')).min(1))
    .refine((byLanguage) => Object.keys(byLanguage).length > 0, 'needs examples in at least one language'),
  /** Answered directly (a template) when no flow triggers on the intent. */
  answer: localizedSchema.optional(),
  /** Answer with this FAQ entry instead (one text for the intent and the FAQ). */
  faq: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a FAQ entry id')
    .optional(),
  followUps: z.array(followUpSchema).max(10).default([]),
  /** `handoff`: the customer asks for a person. */
  action: z.enum(['handoff']).optional(),
  /** Hand off instead of answering: the request involves data the bot must not handle. */
  sensitive: z.boolean().default(false),
});

export type IntentFile = z.infer<typeof intentFileSchema>;

/** One intent as the engine uses it, with where it was defined (for later cross-checks). */
export interface IntentDefinition extends IntentFile {
  source: { file: string; line: number };
}

export type ReadWorkspaceIntentsResult =
  { ok: true; examples: IntentExample[]; intents: IntentDefinition[] } | { ok: false; errors: WorkspaceError[] };

export async function readWorkspaceIntents(workspaceDir: string): Promise<ReadWorkspaceIntentsResult> {
  const dir = join(workspaceDir, 'intents');
  const noIntents = (why: string): ReadWorkspaceIntentsResult => ({
    ok: false,
    errors: [
      {
        file: dir,
        line: 1,
        column: 1,
        field: '',
        message: `${why}; add one YAML file per intent: { intent: name, examples: { pt-BR: [...], en: [...] } }`,
      },
    ],
  });
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return noIntents('no intents folder');
  }
  if (names.length === 0) return noIntents('the intents folder has no .yaml files');

  const examples: IntentExample[] = [];
  const intents: IntentDefinition[] = [];
  const errors: WorkspaceError[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const read = await readYamlFile(file, { env: {} });
    if (!read.ok) {
      errors.push(...read.errors);
      continue;
    }
    const parsed = intentFileSchema.safeParse(read.parsed.value);
    if (!parsed.success) {
      errors.push(...issuesToWorkspaceErrors(read.parsed, parsed.error.issues));
      continue;
    }
    const { intent } = parsed.data;
    const earlier = seen.get(intent);
    if (earlier) {
      const { line, column } = read.parsed.locate(['intent']);
      errors.push({ file, line, column, field: 'intent', message: `intent "${intent}" is already defined in ${earlier}` });
      continue;
    }
    seen.set(intent, file);
    if (intent !== outOfScopeIntent) intents.push({ ...parsed.data, source: { file, line: read.parsed.locate(['intent']).line } });
    for (const texts of Object.values(parsed.data.examples)) for (const text of texts) examples.push({ text, intent });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, examples, intents };
}
