import { createElement, useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type Ref } from 'react';

/** Where the app is: one of the SPA paths of the inbox (UI-common), parsed from location. */
export type Route =
  | { name: 'list' }
  | { name: 'conversation'; conversationId: string }
  | { name: 'supervisor' }
  | { name: 'settings'; tab: 'agents' | 'teams' | 'canned' }
  | { name: 'sign-in' }
  | { name: 'reset'; token: string }
  | { name: 'invite'; token: string }
  | { name: 'not-found' };

export const basePath = '/inbox';
const navigateEvent = 'fio:navigate';

/** Goes to an inbox path with the history API (no reload); `replace` keeps the back button tidy. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${location.pathname}${location.search}`) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(navigateEvent));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigateEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigateEvent, onChange);
  };
}

const snapshot = () => `${location.pathname}${location.search}`;

/** The current route and its query string; re-renders on navigate() and the back/forward buttons. */
export function useRoute(): { route: Route; search: URLSearchParams; path: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, location.origin);
    return { route: matchRoute(url.pathname, url.searchParams), search: url.searchParams, path: url.pathname };
  }, [href]);
}

export function matchRoute(pathname: string, search: URLSearchParams): Route {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const parts = rest.split('/').filter(Boolean);
  const [first, second] = parts;
  if (parts.length === 0) return { name: 'list' };
  if (first === 'c' && second && parts.length === 2) return { name: 'conversation', conversationId: decodeURIComponent(second) };
  if (first === 'supervisor' && parts.length === 1) return { name: 'supervisor' };
  if (first === 'settings' && parts.length <= 2) {
    if (second === undefined || second === 'agents') return { name: 'settings', tab: 'agents' };
    if (second === 'teams' || second === 'canned') return { name: 'settings', tab: second };
  }
  if (first === 'sign-in' && parts.length === 1) return { name: 'sign-in' };
  if (first === 'reset' && parts.length === 1) return { name: 'reset', token: search.get('token') ?? '' };
  if (first === 'invite' && parts.length === 1) return { name: 'invite', token: search.get('token') ?? '' };
  return { name: 'not-found' };
}

/** Paths that need no session (a signed-out person reaches them from an e-mail or the sign-in form). */
export function isPublicRoute(route: Route): boolean {
  return route.name === 'sign-in' || route.name === 'reset' || route.name === 'invite';
}

/** An <a href> that navigates in place on a plain click and keeps ctrl/middle-click opening a tab. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; ref?: Ref<HTMLAnchorElement> }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return createElement('a', { ...rest, href: to, onClick: handle });
}
