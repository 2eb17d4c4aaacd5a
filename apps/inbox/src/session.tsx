import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeView } from '@fio/contracts';
import { api, ApiFailure, onSessionEnded, setCsrfToken } from './api/client.ts';
import { useLocale, type Locale } from './i18n/i18n.ts';
import { live } from './live/live.ts';
import { isPublicRoute, navigate, useRoute } from './router.ts';

export type SessionState =
  { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: MeView } | { status: 'failed'; error: ApiFailure | Error };

interface Session {
  state: SessionState;
  /** After sign-in or invite acceptance: the server's MeView (with the CSRF token). */
  signedIn: (me: MeView) => void;
  signOut: () => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who is signed in: GET /api/v1/auth/me on load (skipped on the public pages, where a signed-out
 * visitor is expected), the CSRF token handed to the API client, the live connection while signed in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { route, path, search } = useRoute();
  const { setLocale } = useLocale();
  const [state, setState] = useState<SessionState>(() => (isPublicRoute(route) ? { status: 'signed-out' } : { status: 'loading' }));
  const [attempt, setAttempt] = useState(0);

  const signedIn = useCallback(
    (me: MeView) => {
      setCsrfToken(me.csrfToken);
      // The person's own language wins unless this visit or an earlier choice named one.
      const preferred = me.user.locale === 'en' || me.user.locale === 'pt-BR' ? (me.user.locale satisfies Locale) : null;
      if (preferred && !new URLSearchParams(location.search).get('lang') && !localStorage.getItem('fio.locale')) setLocale(preferred);
      setState({ status: 'signed-in', me });
    },
    [setLocale],
  );

  useEffect(() => {
    if (state.status !== 'loading') return;
    const abort = new AbortController();
    api
      .get<MeView>('/api/v1/auth/me', { signal: abort.signal })
      .then(signedIn)
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        if (err instanceof ApiFailure && err.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'failed', error: err instanceof Error ? err : new Error(String(err)) });
      });
    return () => abort.abort();
  }, [state.status, attempt, signedIn]);

  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    });
  }, []);

  // Signed out on a page that needs a session: the sign-in form, then back here.
  useEffect(() => {
    if (state.status === 'signed-out' && !isPublicRoute(route)) {
      const here = `${path}${search.size ? `?${search.toString()}` : ''}`;
      navigate(`/inbox/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [state.status, route, path, search]);

  const signedInStatus = state.status === 'signed-in';
  useEffect(() => {
    if (!signedInStatus) return;
    live.start();
    return () => live.stop();
  }, [signedInStatus]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/sign-out');
    } catch {
      // The session may be gone already: signed out either way.
    }
    setCsrfToken(null);
    setState({ status: 'signed-out' });
    navigate('/inbox/sign-in', { replace: true });
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, reload }), [state, signedIn, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person (only inside the signed-in part of the app). */
export function useMe(): MeView {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe outside a session');
  return state.me;
}

/** Supervisors and admins see every conversation, the supervisor view and the teams. */
export function isSupervisor(me: MeView): boolean {
  return me.user.role === 'admin' || me.user.role === 'supervisor';
}
