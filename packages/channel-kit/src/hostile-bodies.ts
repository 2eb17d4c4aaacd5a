/**
 * Bodies no provider sends but attackers and broken proxies do: the contract suite feeds them to
 * every channel's parser, which must refuse them (or emit only valid events) and never throw.
 */
export function garbageBodies(validBodies: Buffer[]): [string, Buffer][] {
  let seed = 42;
  const nextByte = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
  const bodies: [string, Buffer][] = [
    ['an empty body', Buffer.alloc(0)],
    ['random bytes', Buffer.from(Array.from({ length: 512 }, nextByte))],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28])],
    ['whitespace', Buffer.from('  \n\t ')],
    ['JSON null', Buffer.from('null')],
    ['a JSON number', Buffer.from('123')],
    ['a JSON string', Buffer.from('"hello"')],
    ['a JSON boolean', Buffer.from('true')],
    ['an empty JSON array', Buffer.from('[]')],
    ['a JSON array of numbers', Buffer.from('[1,2,3]')],
    ['an empty JSON object', Buffer.from('{}')],
    ['a prototype-polluting object', Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}')],
    ['deeply nested arrays', Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`)],
  ];
  validBodies.forEach((body, index) => {
    for (const fraction of [0.1, 0.5, 0.9]) {
      const cut = Math.max(1, Math.floor(body.length * fraction));
      if (cut < body.length) bodies.push([`valid body ${index + 1} truncated at ${cut} bytes`, body.subarray(0, cut)]);
    }
  });
  return bodies;
}

/** The valid JSON body with one value at a time (leaf or container) replaced by a value of another type. */
export function wrongTypeBodies(body: Buffer): [string, Buffer][] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  const replacements: unknown[] = [null, 12345, 'string', true, [], {}, -1.5, ''];
  const out: [string, Buffer][] = [];
  for (const path of valuePaths(json).slice(0, 60)) {
    for (const replacement of replacements) {
      const mutated = replaceAt(json, path, replacement);
      out.push([`${path.join('.') || '(root)'} = ${JSON.stringify(replacement)}`, Buffer.from(JSON.stringify(mutated))]);
    }
  }
  return out;
}

function valuePaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, index) => valuePaths(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null) {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => valuePaths(item, [...prefix, key]))];
  }
  return [prefix];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return (value as unknown[]).map((item, index) => (index === head ? replaceAt(item, rest, replacement) : item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === head ? replaceAt(item, rest, replacement) : item]));
  }
  return value;
}
