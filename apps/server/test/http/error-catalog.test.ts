import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCatalog, wsErrorCatalog } from '../../src/http/app-error.ts';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

test('docs/errors.md lists every HTTP error code with its status', () => {
  for (const [code, { status }] of Object.entries(errorCatalog)) {
    assert.match(doc, new RegExp(`\\| \`${code}\` \\| ${status} \\|`), `docs/errors.md lacks ${code} (${status})`);
  }
});

test('docs/errors.md lists every WebSocket error code', () => {
  for (const code of Object.keys(wsErrorCatalog)) assert.ok(doc.includes(`| \`${code}\` |`), `docs/errors.md lacks WS code ${code}`);
});
