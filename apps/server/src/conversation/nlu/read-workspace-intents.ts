import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { issuesToWorkspaceErrors, readYamlFile } from '../../workspace/parse-yaml-file.ts';
import { supportedLanguages, type WorkspaceError } from '../../workspace/index.ts';
import type { IntentExample } from './intent-classifier.ts';

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
export const intentFileSchema = z.strictObject({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case, e.g. order_status'),
  examples: z
    .partialRecord(z.enum(supportedLanguages), z.array(z.string().trim().min(1, 'must not be empty')).min(1))
    .refine((byLanguage) => Object.keys(byLanguage).length > 0, 'needs examples in at least one language'),
});

export type ReadWorkspaceIntentsResult = { ok: true; examples: IntentExample[] } | { ok: false; errors: WorkspaceError[] };

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
    for (const texts of Object.values(parsed.data.examples)) for (const text of texts) examples.push({ text, intent });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, examples };
}
