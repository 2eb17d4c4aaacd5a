/**
 * Seeded mutations of real provider payloads: structural ones on the parsed JSON or form (a field
 * deleted, nulled, retyped, swollen, nested deep) and byte-level ones on the raw body (truncated,
 * flipped, spliced). The seed is printed by the test, so any failure replays exactly.
 */
export type Random = () => number;

/** Mulberry32: small, fast, good enough to spread mutations. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

const oddStrings = [
  '',
  ' ',
  '\u0000',
  '😀'.repeat(500),
  'a'.repeat(70_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '\ud800',
  '%s%n%x',
  '../../etc/passwd',
  '-1',
  '1e309',
  'NaN',
  'null',
  '{"nested":',
  'whatsapp:+',
  '+55',
];
const oddValues: readonly unknown[] = [null, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), true, false, [], {}, [null], { '': null }, ...oddStrings];

function deepNest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { x: value };
  return value;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container path in a JSON value, the root included. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(
  root: Json,
  path: (string | number)[],
  update: (parent: Json[] | { [k: string]: Json }, key: string | number) => void,
): void {
  if (path.length === 0) return;
  let node: Json = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return;
    node = Array.isArray(node) ? (node[Number(key)] ?? null) : (node[String(key)] ?? null);
  }
  if (node === null || typeof node !== 'object') return;
  update(node, path[path.length - 1] ?? '');
}

export function mutateJson(body: Buffer, random: Random): Buffer {
  let root: Json;
  try {
    root = JSON.parse(body.toString('utf8')) as Json;
  } catch {
    return mutateBytes(body, random);
  }
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    const all = paths(root);
    const path = pick(random, all);
    const op = Math.floor(random() * 6);
    if (path.length === 0) {
      root = op < 3 ? (structuredClone(pick(random, oddValues)) as Json) : root;
      continue;
    }
    setAt(root, path, (parent, key) => {
      const container = parent as Record<string | number, Json>;
      switch (op) {
        case 0:
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete container[key];
          break;
        case 1:
          container[key] = null;
          break;
        case 2:
          // A copy: the shared odd values must never be edited by a later step (or end up inside themselves).
          container[key] = structuredClone(pick(random, oddValues)) as Json;
          break;
        case 3:
          container[key] = deepNest(50 + Math.floor(random() * 400)) as Json;
          break;
        case 4:
          // Copies, not shared references: a later step that edits one copy must not build a cycle.
          if (Array.isArray(parent)) for (let n = 0; n < 20; n++) parent.push(structuredClone(parent[Number(key)] ?? null));
          else container[`${String(key)}_${Math.floor(random() * 1000)}`] = structuredClone(container[key] ?? null);
          break;
        default: {
          // A string becomes a number (or reversed), anything else its JSON text: the type a parser did not expect.
          const value = container[key];
          container[key] = typeof value === 'string' ? Number(value) || value.split('').reverse().join('') : JSON.stringify(value ?? null);
        }
      }
    });
  }
  return Buffer.from(JSON.stringify(root) ?? 'null');
}

export function mutateForm(body: Buffer, random: Random): Buffer {
  const params = [...new URLSearchParams(body.toString('utf8'))];
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    const op = Math.floor(random() * 5);
    const index = Math.floor(random() * Math.max(1, params.length));
    const entry = params[index];
    if (op === 0 && entry) params.splice(index, 1);
    else if (op === 1 && entry) params[index] = [entry[0], String(pick(random, oddStrings))];
    else if (op === 2 && entry) params.push([entry[0], String(pick(random, oddStrings))]);
    else if (op === 3)
      params.push([
        pick(random, [
          'NumMedia',
          'MediaUrl0',
          'MediaContentType0',
          'SpeechResult',
          'Digits',
          'MessageStatus',
          'ErrorCode',
          'From',
          'Body',
        ]),
        String(pick(random, oddStrings)),
      ]);
    else if (entry) params[index] = [entry[0], ''];
  }
  return Buffer.from(new URLSearchParams(params).toString());
}

export function mutateBytes(body: Buffer, random: Random): Buffer {
  const bytes = Buffer.from(body);
  const op = Math.floor(random() * 4);
  if (op === 0 || bytes.length === 0) return bytes.subarray(0, Math.floor(random() * bytes.length));
  if (op === 1) {
    for (let n = 0; n < 1 + Math.floor(random() * 8); n++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    return bytes;
  }
  if (op === 2) {
    const at = Math.floor(random() * bytes.length);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(random, oddStrings).slice(0, 2000)), bytes.subarray(at)]);
  }
  return Buffer.alloc(0);
}
