import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inboundEventSchema } from '@fio/contracts';
import { toInboundEvents } from '../src/inbound/to-inbound-events.ts';
import { defaultParseOptions, ownFixturesDir, sharedFixturesDir } from './support/parse-fixture.ts';

const skip = existsSync(sharedFixturesDir) ? false : 'needs ../shared/data/channel-fixtures (absent in a fresh clone)';

function listEml(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listEml(path) : name.endsWith('.eml') ? [path] : [];
  });
}

/** A small deterministic PRNG (mulberry32): the same mutations on every run, so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Truncations, flipped and inserted bytes, dropped/duplicated lines, broken boundaries and encodings. */
function mutate(raw: Buffer, next: () => number): Buffer {
  const pick = (n: number) => Math.floor(next() * n);
  switch (pick(6)) {
    case 0:
      return raw.subarray(0, pick(raw.length + 1));
    case 1: {
      const copy = Buffer.from(raw);
      for (let i = 0; i < 1 + pick(8); i++) copy[pick(copy.length)] = pick(256);
      return copy;
    }
    case 2: {
      const lines = raw.toString('latin1').split('\n');
      lines.splice(pick(lines.length), 1 + pick(3));
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 3: {
      const lines = raw.toString('latin1').split('\n');
      const at = pick(lines.length);
      lines.splice(at, 0, lines[pick(lines.length)] ?? '');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 4: {
      const junk = ['=?utf-8?B?////?=', 'boundary="', '\r\n--', '<<@>>', 'Content-Transfer-Encoding: base64\r\n', '\u0000', '=\r\n'];
      const at = pick(raw.length);
      return Buffer.concat([raw.subarray(0, at), Buffer.from(junk[pick(junk.length)] ?? ''), raw.subarray(at)]);
    }
    default:
      return Buffer.from(
        raw.toString('latin1').replace(/(Message-ID|In-Reply-To|References|From|Content-Type):/gi, (m) => (next() < 0.5 ? `X-${m}` : m)),
        'latin1',
      );
  }
}

test('10,000 mutated fixture mails never make the parser throw or emit an invalid event', { skip, timeout: 300_000 }, async () => {
  const files = [...listEml(sharedFixturesDir), ...listEml(ownFixturesDir)].map((p) => readFileSync(p));
  const next = random(20261124);
  let accepted = 0;
  for (let i = 0; i < 10_000; i++) {
    const raw = mutate(files[i % files.length] ?? Buffer.alloc(0), next);
    let result: Awaited<ReturnType<typeof toInboundEvents>>;
    try {
      result = await toInboundEvents(raw, defaultParseOptions);
    } catch (error) {
      assert.fail(`mutation ${i} threw: ${String(error)}`);
    }
    if (!result.ok) {
      assert.ok(result.reason.length > 0);
      continue;
    }
    accepted += 1;
    for (const event of result.events) {
      const parsed = inboundEventSchema.safeParse(event);
      assert.equal(parsed.success, true, `mutation ${i}: ${parsed.error?.message}`);
      if (event.type === 'message' && event.content.kind === 'media') {
        assert.ok(result.attachments[event.content.url.slice('attachment:'.length)], `mutation ${i}: media without its bytes`);
      }
    }
  }
  assert.ok(accepted > 5000, `only ${accepted} of 10000 mutations parsed: the mutations are too destructive to test much`);
});
