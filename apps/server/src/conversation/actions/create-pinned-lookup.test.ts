import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { test } from 'node:test';
import { createPinnedLookup } from './create-pinned-lookup.ts';

const pinned = createPinnedLookup([
  { address: '203.0.113.7', family: 4 },
  { address: '2001:db8::7', family: 6 },
]);

function ask(options: { all?: boolean; family?: number }) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    pinned('evil.example', options, (err, address, family) => resolve({ err, address, family })),
  );
}

test('answers with the checked addresses whatever host is asked', async () => {
  assert.deepEqual(await ask({}), { err: null, address: '203.0.113.7', family: 4 });
  assert.deepEqual(await ask({ all: true }), {
    err: null,
    address: [
      { address: '203.0.113.7', family: 4 },
      { address: '2001:db8::7', family: 6 },
    ],
    family: undefined,
  });
});

test('filters by the requested family and fails when none is left', async () => {
  assert.deepEqual(await ask({ family: 6 }), { err: null, address: '2001:db8::7', family: 6 });
  const only4 = createPinnedLookup([{ address: '203.0.113.7', family: 4 }]);
  const result = await new Promise<NodeJS.ErrnoException | null>((resolve) => only4('x', { family: 6 }, (err) => resolve(err)));
  assert.equal(result?.code, 'ENOTFOUND');
});
