/** The inbox's session cookie: `fio_session=<random 32 bytes, base64url>`; sessions.id is its SHA-256. */
export const sessionCookieName = 'fio_session';

/** The session token in a Cookie header, if it has one that could be ours (anything else is ignored). */
export function readSessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== sessionCookieName) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{20,128}$/.test(value)) return value;
  }
  return null;
}

export interface SessionCookieSettings {
  /** Set when Fio is served over https (FIO_PUBLIC_URL) or FIO_COOKIE_SECURE says so. */
  secure: boolean;
}

/** HttpOnly so page scripts never see it; SameSite=Lax so other sites' forms do not carry it on POST. */
export function sessionCookieOptions(settings: SessionCookieSettings, expiresAt: Date | null) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: settings.secure,
    ...(expiresAt ? { expires: expiresAt } : { maxAge: 0 }),
  };
}
