// `npm run build:widget` (and postinstall): bundles apps/widget into apps/widget/dist/ and fails
// when loader + element exceed the gzip budget. `--outdir DIR` builds elsewhere (tests).
import { resolve } from 'node:path';
import { GZIP_BUDGET_BYTES, buildWidget } from './build-widget.ts';

const outdirFlag = process.argv.indexOf('--outdir');
const outdir = resolve(outdirFlag >= 0 ? (process.argv[outdirFlag + 1] ?? '') : `${import.meta.dirname}/dist`);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

try {
  const result = await buildWidget(outdir);
  for (const file of result.files)
    console.log(`widget: ${file.name.padEnd(12)} ${kb(file.bytes).padStart(8)}  ${kb(file.gzipBytes).padStart(8)} gzip`);
  console.log(`widget: total ${kb(result.totalGzipBytes)} gzip (budget ${kb(GZIP_BUDGET_BYTES)}) → ${outdir}`);
  if (!result.withinBudget) {
    console.error(`widget: over the gzip budget by ${kb(result.totalGzipBytes - GZIP_BUDGET_BYTES)}`);
    process.exit(1);
  }
} catch (error) {
  console.error('widget: build failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
