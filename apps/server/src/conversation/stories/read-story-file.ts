import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { issuesToWorkspaceErrors, parseYamlText, readYamlFile, type ParseYamlFileResult } from '../../workspace/parse-yaml-file.ts';
import type { WorkspaceError } from '../../workspace/workspace-error.ts';
import type { EnvValues } from '../../workspace/substitute-env.ts';
import { storyFileSchema, type Story } from './story.schema.ts';

export type ReadStoriesResult = { ok: true; stories: Story[] } | { ok: false; errors: WorkspaceError[] };

/** Reads one `stories/*.yaml` file; errors name the file, line, column and field. */
export async function readStoryFile(file: string, options: { env?: EnvValues } = {}): Promise<ReadStoriesResult> {
  return toStories(await readYamlFile(file, { env: options.env ?? {} }));
}

/** The same from text already in memory (tests, the CLI's stdin). */
export function parseStoryText(file: string, text: string, options: { env?: EnvValues } = {}): ReadStoriesResult {
  return toStories(parseYamlText(file, text, { env: options.env ?? {} }));
}

/** Every `*.yaml`/`*.yml` file of a folder, in name order; one file's errors do not hide another's. */
export async function readStoriesFolder(dir: string, options: { env?: EnvValues } = {}): Promise<ReadStoriesResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch (cause) {
    return { ok: false, errors: [{ file: dir, line: 1, column: 1, field: '', message: `cannot read folder: ${String(cause)}` }] };
  }
  const stories: Story[] = [];
  const errors: WorkspaceError[] = [];
  for (const name of names) {
    const result = await readStoryFile(join(dir, name), options);
    if (result.ok) stories.push(...result.stories);
    else errors.push(...result.errors);
  }
  const seen = new Set<string>();
  for (const story of stories) {
    // Test reports name stories: two with one name would hide which one failed.
    if (seen.has(story.name))
      errors.push({ file: story.file, line: story.line, column: 1, field: 'name', message: `story name "${story.name}" is used twice` });
    seen.add(story.name);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, stories };
}

function toStories(read: ParseYamlFileResult): ReadStoriesResult {
  if (!read.ok) return read;
  const { parsed } = read;
  const result = storyFileSchema.safeParse(parsed.value);
  if (!result.success) return { ok: false, errors: issuesToWorkspaceErrors(parsed, result.error.issues) };
  return {
    ok: true,
    stories: result.data.stories.map((story, i) => ({
      ...story,
      file: parsed.file,
      line: parsed.locate(['stories', i]).line,
      stepLines: story.steps.map((_, j) => parsed.locate(['stories', i, 'steps', j]).line),
    })),
  };
}
