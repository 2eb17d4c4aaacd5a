import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { issuesToWorkspaceErrors, readYamlFile } from '../../workspace/parse-yaml-file.ts';
import type { EnvValues } from '../../workspace/substitute-env.ts';
import type { WorkspaceError } from '../../workspace/workspace-error.ts';
import { formatFieldPath } from '../../workspace/workspace-error.ts';
import type { Language } from '../../workspace/workspace.schema.ts';
import { checkFlowFile } from './check-flow-file.ts';
import type { FlowDefinition } from './flow-definition.ts';
import { flowFileSchema } from './flow-file.schema.ts';
import { toFlowDefinition } from './to-flow-definition.ts';

export interface ReadWorkspaceFlowsOptions {
  languages: readonly Language[];
  defaultLanguage: Language;
  /** Intent names the workspace defines: flow triggers must name one of them. */
  intents: readonly string[];
  env: EnvValues;
  /** Names under workspace.yaml `templates`, for `{{templates.NAME}}`. */
  templateNames: readonly string[];
  /** Keys of workspace.yaml `contactFields`: when any are declared, a `set` may write only those. */
  contactFieldKeys?: readonly string[];
  /** Keys of workspace.yaml `teams`: when declared, a handoff step may name only those. */
  teamKeys?: readonly string[];
}

export type ReadWorkspaceFlowsResult =
  { ok: true; flows: FlowDefinition[]; warnings: WorkspaceError[] } | { ok: false; errors: WorkspaceError[] };

/**
 * Reads every `flows/*.yaml` (one flow per file, sorted by name) with `${ENV}` substituted, checks
 * each alone and all together (duplicate ids), and returns them as definitions, or every problem
 * found, each naming file, line, column and field. No `flows/` folder means no flows.
 */
export async function readWorkspaceFlows(workspaceDir: string, options: ReadWorkspaceFlowsOptions): Promise<ReadWorkspaceFlowsResult> {
  const dir = join(workspaceDir, 'flows');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && (cause.code === 'ENOENT' || cause.code === 'ENOTDIR')) {
      return { ok: true, flows: [], warnings: [] };
    }
    return { ok: false, errors: [{ file: dir, line: 1, column: 1, field: '', message: `cannot read the flows folder: ${String(cause)}` }] };
  }

  const flows: FlowDefinition[] = [];
  const errors: WorkspaceError[] = [];
  const warnings: WorkspaceError[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const read = await readYamlFile(file, { env: options.env });
    if (!read.ok) {
      errors.push(...read.errors);
      continue;
    }
    const parsed = flowFileSchema.safeParse(read.parsed.value);
    if (!parsed.success) {
      errors.push(...issuesToWorkspaceErrors(read.parsed, parsed.error.issues));
      continue;
    }
    const definition = toFlowDefinition(parsed.data, { file });
    const located = checkFlowFile(parsed.data, definition, options).map((issue) => ({
      severity: issue.severity,
      error: { file, ...read.parsed.locate(issue.path), field: formatFieldPath(issue.path.map(toPropertyKey)), message: issue.message },
    }));
    const fileErrors = located.filter((issue) => issue.severity === 'error').map(({ error }) => withoutFound(error));
    warnings.push(...located.filter((issue) => issue.severity === 'warning').map(({ error }) => withoutFound(error)));

    const idAt = read.parsed.locate(['id']);
    const other = seen.get(definition.id);
    if (other !== undefined) {
      fileErrors.push({
        file,
        line: idAt.line,
        column: idAt.column,
        field: 'id',
        message: `duplicate flow id "${definition.id}" (also in ${other})`,
      });
    }
    seen.set(definition.id, file);
    if (basename(name).replace(/\.ya?ml$/, '') !== definition.id) {
      warnings.push({
        file,
        line: idAt.line,
        column: idAt.column,
        field: 'id',
        message: `flow "${definition.id}" is in a file named ${name}; name it ${definition.id}.yaml`,
      });
    }
    if (fileErrors.length > 0) errors.push(...fileErrors.sort((a, b) => a.line - b.line || a.column - b.column));
    else flows.push(definition);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, flows, warnings };
}

function toPropertyKey(segment: PropertyKey | { key: string }): PropertyKey {
  return typeof segment === 'object' ? segment.key : segment;
}

function withoutFound(error: WorkspaceError & { found?: boolean }): WorkspaceError {
  return { file: error.file, line: error.line, column: error.column, field: error.field, message: error.message };
}
