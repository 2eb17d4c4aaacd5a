type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/**
 * Reads a value out of a service's JSON with the JSONPath subset flows use in `map`: `$`, `$.a.b`,
 * `$.items[0].name`, `$.items[-1]` (from the end), `$.a['b c']`, `$.list[*].id` / `$.obj.*`.
 * A path with a wildcard gives an array of what it found; a missing value or a malformed path gives
 * `undefined`, so a flow can tell "not there" from `null`.
 */
export function selectJsonPath(json: unknown, path: string): unknown {
  const segments = parseJsonPath(path);
  if (segments === null) return undefined;
  let nodes: unknown[] = [json];
  let many = false;
  for (const segment of segments) {
    if (segment.kind === 'wildcard') many = true;
    nodes = nodes.flatMap((node) => stepInto(node, segment));
  }
  if (many) return nodes;
  return nodes[0];
}

function stepInto(node: unknown, segment: Segment): unknown[] {
  switch (segment.kind) {
    case 'wildcard':
      if (Array.isArray(node)) return node.filter((item) => item !== undefined);
      if (isRecord(node)) return Object.values(node);
      return [];
    case 'index': {
      if (!Array.isArray(node)) return [];
      const item: unknown = node.at(segment.index);
      return item === undefined ? [] : [item];
    }
    case 'key': {
      if (Array.isArray(node)) {
        // `$.list.length` is handy in conditions ("how many slots came back?").
        return segment.key === 'length' ? [node.length] : [];
      }
      if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, segment.key)) return [];
      const value = node[segment.key];
      return value === undefined ? [] : [value];
    }
  }
}

/** Splits a path into segments, or `null` when it is not one this subset understands. */
export function parseJsonPath(path: string): Segment[] | null {
  const text = path.trim();
  if (!text.startsWith('$')) return null;
  const segments: Segment[] = [];
  let at = 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '.') {
      if (text[at + 1] === '*') {
        segments.push({ kind: 'wildcard' });
        at += 2;
        continue;
      }
      const match = /^[^.[\]\s'"]+/.exec(text.slice(at + 1));
      if (match === null) return null;
      segments.push({ kind: 'key', key: match[0] });
      at += 1 + match[0].length;
    } else if (char === '[') {
      const rest = text.slice(at);
      const bracket = /^\[\s*(?:(\*)|(-?\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/.exec(rest);
      if (bracket === null) return null;
      const [whole, star, index, single, double] = bracket;
      if (star !== undefined) segments.push({ kind: 'wildcard' });
      else if (index !== undefined) segments.push({ kind: 'index', index: Number(index) });
      else segments.push({ kind: 'key', key: unescapeQuoted(single ?? double ?? '') });
      at += whole.length;
    } else {
      return null;
    }
  }
  return segments;
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
