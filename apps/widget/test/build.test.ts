import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GZIP_BUDGET_BYTES, buildWidget } from '../build-widget.ts';

test('buildWidget stays under the 50 KB gzip budget and leaks no zod into the bundle', async (t) => {
  const outdir = mkdtempSync(join(tmpdir(), 'fio-widget-'));
  t.after(() => rmSync(outdir, { recursive: true, force: true }));
  const result = await buildWidget(outdir);
  assert.ok(result.withinBudget);
  assert.ok(result.totalGzipBytes < GZIP_BUDGET_BYTES);
  assert.deepEqual(
    result.files.map((f) => f.name),
    ['widget.js', 'fio-chat.js'],
  );
  const element = readFileSync(join(outdir, 'fio-chat.js'), 'utf8');
  const loader = readFileSync(join(outdir, 'widget.js'), 'utf8');
  assert.doesNotMatch(element, /ZodError|\$ZodType/);
  assert.match(loader, /\/widget\/fio-chat\.js\?v=[0-9a-f]{12}/);
});

test('build.ts prints the gzip sizes and exits 0 when within budget', (t) => {
  const outdir = mkdtempSync(join(tmpdir(), 'fio-widget-'));
  t.after(() => rmSync(outdir, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'build.ts'), '--outdir', outdir], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /widget\.js .* gzip/);
  assert.match(run.stdout, /total [\d.]+ KB gzip \(budget 50\.0 KB\)/);
});
