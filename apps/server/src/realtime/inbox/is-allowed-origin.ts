/**
 * The inbox's socket carries the session cookie, which a browser sends from any page: only pages of
 * Fio itself (same host as the request, or FIO_PUBLIC_URL's origin behind a proxy) may open it, or a
 * foreign site could read an agent's conversations (cross-site WebSocket hijacking).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, publicUrl: string | undefined): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host && url.host.toLowerCase() === host.toLowerCase()) return true;
  if (!publicUrl) return false;
  try {
    return new URL(publicUrl).origin === url.origin;
  } catch {
    return false;
  }
}
