/** One problem found in a workspace file, pointing at the exact place to fix. */
export interface WorkspaceError {
  /** The file as the loader was given it, e.g. `workspaces/demo/workspace.yaml`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path such as `channels[1].config.callbackUrl`; empty for the file as a whole. */
  field: string;
  message: string;
}

/** Renders errors the way compilers do, one per line: `file:line:column field: message`. */
export function formatWorkspaceErrors(errors: readonly WorkspaceError[]): string {
  return errors
    .map((error) => {
      const where = `${error.file}:${error.line}:${error.column}`;
      return error.field ? `${where} ${error.field}: ${error.message}` : `${where} ${error.message}`;
    })
    .join('\n');
}

/** `['channels', 1, 'config', 'callbackUrl']` → `channels[1].config.callbackUrl`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
