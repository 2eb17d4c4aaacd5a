/** Form parameters of one Twilio webhook: the first value of each name. */
export type FormParams = ReadonlyMap<string, string>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an `application/x-www-form-urlencoded` body strictly: Twilio sends valid UTF-8, `name=value`
 * pairs joined by `&`; anything else (bytes that are not UTF-8, JSON, a body cut mid-escape) is refused
 * with a reason instead of being half-read.
 */
export function readFormParams(
  rawBody: Buffer,
  contentType: string | undefined,
): { ok: true; params: FormParams } | { ok: false; reason: string } {
  if (contentType !== undefined && !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return { ok: false, reason: `expected a form-encoded body, got content-type "${contentType.slice(0, 100)}"` };
  }
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { ok: false, reason: 'the body is not valid UTF-8' };
  }
  if (text.trim() === '') return { ok: false, reason: 'the body is empty' };
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `"${pair.slice(0, 40)}" is not a name=value pair` };
    const name = decodeComponent(pair.slice(0, eq));
    const value = decodeComponent(pair.slice(eq + 1));
    if (name === null || value === null) return { ok: false, reason: `"${pair.slice(0, 40)}" has a broken %-escape` };
    if (!params.has(name)) params.set(name, value);
  }
  return { ok: true, params };
}

function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
