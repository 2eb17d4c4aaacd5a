import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = new URL('..', import.meta.url).pathname;

// The contract of `npm run bench -- resolve --json` (DESIGN.md §8, issue 5), at a size that runs in
// seconds. Shape only: timings are the script's business, never a test's.
test('bench resolve --json ends with one JSON object carrying contacts and both p99s', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', 'resolve', '--contacts', '2000', '--samples', '200', '--json'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = stdout.trim().split('\n');
  assert.ok(lines.length > 1, 'human-readable lines come before the JSON');
  const result = JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
  assert.equal(result['bench'], 'resolve');
  assert.equal(result['contacts'], 2000);
  for (const key of ['resolve_p50_us', 'resolve_p99_us', 'segment_update_p50_us', 'segment_update_p99_us', 'seed_s', 'db_mb']) {
    assert.equal(typeof result[key], 'number', `${key} is a number`);
    assert.ok(Number.isFinite(result[key]) && (result[key] as number) >= 0, `${key} is a non-negative figure`);
  }
  assert.ok((result['resolve_p99_us'] as number) >= (result['resolve_p50_us'] as number));
  assert.ok(Array.isArray(result['unindexed_statements']), 'the statements whose plan scans are listed (maybe none)');
});
