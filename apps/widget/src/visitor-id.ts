/** Anonymous visitor ids and client message ids: random, URL-safe, within the server's 8-128 [A-Za-z0-9_-] rule. */
const VISITOR_ID = /^[A-Za-z0-9_-]{8,128}$/;

export function isValidVisitorId(value: unknown): value is string {
  return typeof value === 'string' && VISITOR_ID.test(value);
}

/** 22+ random characters; crypto.randomUUID where available (secure contexts), getRandomValues otherwise. */
export function createRandomId(prefix = ''): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') return prefix + cryptoApi.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
