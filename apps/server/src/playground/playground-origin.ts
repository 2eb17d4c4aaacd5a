import type { ConnectionRuntime } from '../channels/connection-registry.ts';

/**
 * Connections say "my provider is the playground" with this host in their API base URL (or SMTP host):
 * `.invalid` never resolves (RFC 6761), so such a connection cannot reach anything real by accident,
 * and the real address (unknown until Fio listens: PORT may be 0) is put in once it is.
 */
export const playgroundHost = 'fio-playground.invalid';
export const playgroundOrigin = `http://${playgroundHost}`;

/** The emulator mount a URL names (`http://fio-playground.invalid/emulators/whatsapp` → `whatsapp`). */
export function playgroundMountOf(value: string): string | null {
  if (!value.startsWith(`${playgroundOrigin}/`)) return null;
  const match = /^\/emulators\/([a-z0-9-]{1,40})(?:\/|$)/.exec(new URL(value).pathname);
  return match?.[1] ?? null;
}

/** Whether any setting of the connection points at the playground. */
export function pointsAtPlayground(connection: ConnectionRuntime): boolean {
  return collectStrings(connection.ctx.config).some((s) => s === playgroundHost || s.startsWith(`${playgroundOrigin}/`));
}

/** The first emulator mount named by the connection's settings. */
export function connectionMount(connection: ConnectionRuntime): string | null {
  for (const s of collectStrings(connection.ctx.config)) {
    const mount = playgroundMountOf(s);
    if (mount) return mount;
  }
  return null;
}

/**
 * Puts Fio's own address where the connection's HTTP settings name the playground. The context's
 * config is replaced, not edited in place: senders read it afresh for every message.
 */
export function pointConnectionAt(connection: ConnectionRuntime, base: string): void {
  connection.ctx.config = replaceStrings(connection.ctx.config, (s) =>
    s.startsWith(`${playgroundOrigin}/`) ? `${base}${s.slice(playgroundOrigin.length)}` : s,
  );
}

/** Replaces the connection's playground SMTP host (and its port) with where the customer's mailbox listens. */
export function pointSmtpAt(connection: ConnectionRuntime, host: string, port: number): void {
  connection.ctx.config = replaceObjects(connection.ctx.config, (o) => (o.host === playgroundHost ? { ...o, host, port } : o));
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}

function replaceStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, map));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, map)]));
  return value;
}

function replaceObjects(value: unknown, map: (o: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceObjects(v, map));
  if (isRecord(value)) return map(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceObjects(v, map)])));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
