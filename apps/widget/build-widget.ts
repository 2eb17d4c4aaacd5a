import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles the widget into `outdir`: widget.js (the loader, served at /widget.js) and fio-chat.js
 * (the element, served at /widget/fio-chat.js). Both are minified IIFEs, so nothing but
 * <fio-chat> and window.FioChat reaches the host page's globals.
 */
export const GZIP_BUDGET_BYTES = 50 * 1024;

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface WidgetBuild {
  files: BuiltFile[];
  totalGzipBytes: number;
  withinBudget: boolean;
}

const sourceDir = join(import.meta.dirname, 'src');

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(sourceDir, entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    define,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

function measure(name: string, code: string): BuiltFile {
  return { name, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}

export async function buildWidget(outdir: string): Promise<WidgetBuild> {
  const element = await bundle('fio-chat.ts');
  const version = createHash('sha256').update(element).digest('hex').slice(0, 12);
  const loader = await bundle('loader.ts', { __FIO_ELEMENT_VERSION__: JSON.stringify(version) });
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'widget.js'), loader);
  writeFileSync(join(outdir, 'fio-chat.js'), element);
  const files = [measure('widget.js', loader), measure('fio-chat.js', element)];
  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, totalGzipBytes, withinBudget: totalGzipBytes < GZIP_BUDGET_BYTES };
}
