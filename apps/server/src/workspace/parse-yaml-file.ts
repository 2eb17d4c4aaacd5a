import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { substituteEnv } from './substitute-env.ts';
import type { EnvValues } from './substitute-env.ts';
import { formatFieldPath } from './workspace-error.ts';
import type { WorkspaceError } from './workspace-error.ts';

/**
 * Every workspace file (workspace.yaml today; intents/, faq/, flows/, segments.yaml later) goes
 * through here: parse keeping positions, substitute `${ENV}` in string values, then validate with
 * zod and map each issue path back to the line and column of the YAML node that caused it.
 */

export interface ParsedYamlFile {
  file: string;
  /** Plain JS value after env substitution, not validated yet. */
  value: unknown;
  /** Where in the file a value path lives (the nearest existing node when the path is missing). */
  locate(path: readonly YamlPathSegment[]): { line: number; column: number; found: boolean };
}

/** A value path; `{ key }` as the last segment points at a mapping key itself rather than its value. */
export type YamlPathSegment = PropertyKey | { key: string };

export type ParseYamlFileResult = { ok: true; parsed: ParsedYamlFile } | { ok: false; errors: WorkspaceError[] };

export async function readYamlFile(file: string, options: { env: EnvValues }): Promise<ParseYamlFileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error && 'code' in cause && cause.code === 'ENOENT' ? 'file not found' : String(cause);
    return { ok: false, errors: [{ file, line: 1, column: 1, field: '', message: `cannot read file: ${reason}` }] };
  }
  return parseYamlText(file, text, options);
}

export function parseYamlText(file: string, text: string, options: { env: EnvValues }): ParseYamlFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        file,
        ...position(error.pos[0]),
        field: '',
        message: `YAML syntax error: ${firstLine(error.message)}`,
      })),
    };
  }

  const envErrors: WorkspaceError[] = [];
  substituteEnvInNode(doc.contents, [], (node, path) => {
    if (typeof node.value !== 'string') return;
    const result = substituteEnv(node.value, options.env);
    if (result.ok) {
      node.value = result.value;
      return;
    }
    for (const name of result.missing) {
      envErrors.push({
        file,
        ...position(node.range?.[0] ?? 0),
        field: formatFieldPath(path),
        message: `environment variable ${name} is not set and has no default (write \${${name}:-default})`,
      });
    }
  });
  if (envErrors.length > 0) return { ok: false, errors: envErrors };

  return {
    ok: true,
    parsed: {
      file,
      value: doc.toJS(),
      locate(path) {
        const { offset, found } = findOffset(doc, path);
        return { ...position(offset), found };
      },
    },
  };
}

/** Turns zod issues into located errors; `prefix` is where the validated value sits in the file. */
export function issuesToWorkspaceErrors(
  parsed: ParsedYamlFile,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): WorkspaceError[] {
  const errors: WorkspaceError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const { line, column } = parsed.locate([...path, { key }]);
        errors.push({ file: parsed.file, line, column, field: formatFieldPath([...path, key]), message: `unknown key "${key}"` });
      }
      continue;
    }
    const { line, column, found } = parsed.locate(path);
    const missing = !found && issue.code === 'invalid_type';
    errors.push({
      file: parsed.file,
      line,
      column,
      field: formatFieldPath(path),
      message: missing ? `missing required field (${issue.message})` : issue.message,
    });
  }
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

type ScalarVisitor = (node: { value: unknown; range?: [number, number, number] | null }, path: PropertyKey[]) => void;

function substituteEnvInNode(node: unknown, path: PropertyKey[], visit: ScalarVisitor): void {
  if (isScalar(node)) {
    visit(node, path);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      substituteEnvInNode(pair.value, [...path, key], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => substituteEnvInNode(item, [...path, index], visit));
  }
}

/**
 * Follows a value path through the YAML tree. A segment `{ key }` asks for the key itself (unknown
 * keys); a missing segment stops at the nearest existing ancestor, so "missing field" errors point
 * at the mapping that lacks it.
 */
function findOffset(doc: Document, path: readonly YamlPathSegment[]): { offset: number; found: boolean } {
  let node: Node | null = isNodeValue(doc.contents) ? doc.contents : null;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (!node) return { offset, found: false };
    if (isMap(node)) {
      const wanted = typeof segment === 'object' ? segment.key : String(segment);
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === wanted);
      if (!pair) return { offset, found: false };
      const keyNode = isScalar(pair.key) ? pair.key : null;
      if (typeof segment === 'object' || !isNodeValue(pair.value)) {
        return { offset: keyNode?.range?.[0] ?? offset, found: typeof segment === 'object' || index === path.length - 1 };
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNodeValue(item)) return { offset, found: false };
      node = item;
    } else {
      return { offset, found: false };
    }
    offset = node.range?.[0] ?? offset;
  }
  return { offset, found: true };
}

function isNodeValue(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}
