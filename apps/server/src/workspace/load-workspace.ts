import { access, readdir, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { join } from 'node:path';
import type { z } from 'zod';
import { channelTypeSchema } from '@fio/contracts';
import type { ChannelType } from '@fio/contracts';
import { issuesToWorkspaceErrors, readYamlFile } from './parse-yaml-file.ts';
import type { ParsedYamlFile } from './parse-yaml-file.ts';
import type { EnvValues } from './substitute-env.ts';
import type { WorkspaceError } from './workspace-error.ts';
import { workspaceFileSchema } from './workspace.schema.ts';
import type { ChannelConnectionDefinition, WorkspaceFile } from './workspace.schema.ts';
import { formatFieldPath } from './workspace-error.ts';
import { segmentsFileSchema, type SegmentDefinition } from '../contacts/segments/segment-definition.ts';
import { checkSegmentDefinitions } from '../contacts/segments/check-segment-definitions.ts';

/** What a channel type validates in a connection; supplied by the caller from the channel packages. */
export interface ChannelSchemas {
  configSchema: z.ZodType;
  secretsSchema: z.ZodType;
}

export type ChannelSchemaRegistry = ReadonlyMap<ChannelType, ChannelSchemas>;

export interface LoadWorkspaceOptions {
  env: EnvValues;
  channelSchemas: ChannelSchemaRegistry;
}

/**
 * A workspace as the server uses it: the settings of workspace.yaml and the segments of segments.yaml;
 * intents/, faq/, flows/ are read by the engine; automations.yaml joins as a further field.
 */
export type WorkspaceDefinition = WorkspaceFile & {
  /** segments.yaml (absent file: none). Optional so definitions built in code need not list them. */
  segments?: SegmentDefinition[];
};

export type LoadWorkspaceResult = { ok: true; workspace: WorkspaceDefinition } | { ok: false; errors: WorkspaceError[] };

export async function loadWorkspace(dir: string, options: LoadWorkspaceOptions): Promise<LoadWorkspaceResult> {
  const read = await readYamlFile(join(dir, 'workspace.yaml'), { env: options.env });
  if (!read.ok) return read;
  const { parsed } = read;

  const result = workspaceFileSchema.safeParse(parsed.value);
  const errors = result.success ? [] : issuesToWorkspaceErrors(parsed, result.error.issues);
  const channels = validateChannels(parsed, options.channelSchemas);
  errors.push(...channels.errors);

  const segments = await loadSegmentsFile(dir, options.env, result.success ? result.data : null);

  if (!result.success || errors.length > 0 || !segments.ok) {
    const all = [...errors.sort((a, b) => a.line - b.line || a.column - b.column), ...(segments.ok ? [] : segments.errors)];
    return { ok: false, errors: all };
  }
  return {
    ok: true,
    workspace: { ...result.data, channels: mergeChannels(result.data.channels, channels.validated), segments: segments.segments },
  };
}

/**
 * segments.yaml beside workspace.yaml (optional). The cross-checks (languages, declared attributes,
 * `after` events) need a valid workspace.yaml; without one only the file's own shape is checked.
 */
async function loadSegmentsFile(
  dir: string,
  env: EnvValues,
  workspace: WorkspaceFile | null,
): Promise<{ ok: true; segments: SegmentDefinition[] } | { ok: false; errors: WorkspaceError[] }> {
  const file = join(dir, 'segments.yaml');
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  )
    return { ok: true, segments: [] };
  const read = await readYamlFile(file, { env });
  if (!read.ok) return read;
  const { parsed } = read;
  // An empty file is a file with no segments.
  const result = segmentsFileSchema.safeParse(parsed.value ?? {});
  if (!result.success) return { ok: false, errors: issuesToWorkspaceErrors(parsed, result.error.issues) };
  if (!workspace) return { ok: true, segments: result.data.segments };
  const issues = checkSegmentDefinitions(result.data.segments, { ...workspace, intents: await listIntentIds(join(dir, 'intents')) });
  if (issues.length === 0) return { ok: true, segments: result.data.segments };
  const errors = issues.map((issue): WorkspaceError => {
    const path = ['segments', ...issue.path];
    const { line, column } = parsed.locate(path);
    return { file: parsed.file, line, column, field: formatFieldPath(path), message: issue.message };
  });
  return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };
}

interface ValidatedChannel {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/**
 * Checks each connection's config and secrets with its type's schemas. Works on the raw value so
 * channel errors are reported even when other parts of the file are wrong too.
 */
function validateChannels(
  parsed: ParsedYamlFile,
  registry: ChannelSchemaRegistry,
): { errors: WorkspaceError[]; validated: Map<number, ValidatedChannel> } {
  const errors: WorkspaceError[] = [];
  const validated = new Map<number, ValidatedChannel>();
  const raw = isRecord(parsed.value) ? parsed.value['channels'] : undefined;
  if (!Array.isArray(raw)) return { errors, validated };

  raw.forEach((channel: unknown, index) => {
    if (!isRecord(channel)) return;
    const type = channelTypeSchema.safeParse(channel['type']);
    if (!type.success) return; // the file schema reports unknown types
    const schemas = registry.get(type.data);
    if (!schemas) {
      const { line, column } = parsed.locate(['channels', index, 'type']);
      errors.push({
        file: parsed.file,
        line,
        column,
        field: `channels[${index}].type`,
        message: `unknown channel type "${type.data}" (no channel package registered for it)`,
      });
      return;
    }
    const config = schemas.configSchema.safeParse(channel['config'] ?? {});
    const secrets = schemas.secretsSchema.safeParse(channel['secrets'] ?? {});
    if (!config.success) errors.push(...issuesToWorkspaceErrors(parsed, config.error.issues, ['channels', index, 'config']));
    if (!secrets.success) errors.push(...issuesToWorkspaceErrors(parsed, secrets.error.issues, ['channels', index, 'secrets']));
    if (config.success && secrets.success) {
      if (!isRecord(config.data) || !isStringRecord(secrets.data)) {
        const { line, column } = parsed.locate(['channels', index]);
        errors.push({ file: parsed.file, line, column, field: `channels[${index}]`, message: 'channel schemas must produce objects' });
        return;
      }
      validated.set(index, { config: config.data, secrets: secrets.data });
    }
  });
  return { errors, validated };
}

/** Keeps what the channel schemas produced (defaults filled in) in place of the raw objects. */
function mergeChannels(channels: ChannelConnectionDefinition[], validated: Map<number, ValidatedChannel>): ChannelConnectionDefinition[] {
  return channels.map((channel, index) => ({ ...channel, ...validated.get(index) }));
}

/** The `intent:` ids of intents/*.yaml; undefined without the folder (nothing to check against). */
async function listIntentIds(intentsDir: string): Promise<Set<string> | undefined> {
  let names: string[];
  try {
    names = await readdir(intentsDir);
  } catch {
    return undefined;
  }
  const ids = new Set<string>();
  for (const name of names.filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))) {
    try {
      const value: unknown = parseYaml(await readFile(join(intentsDir, name), 'utf8'));
      // A broken intent file is the engine's to report; here it only means one id fewer to match.
      if (isRecord(value) && typeof value['intent'] === 'string') ids.add(value['intent']);
    } catch {
      continue;
    }
  }
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}
