import { useEffect, useState, type ReactNode } from 'react';
import type { MeView } from '@fio/contracts';
import { commonMessages } from '../common/messages.ts';
import { LocaleSwitch } from '../common/locale-switch.tsx';
import { useT } from '../i18n/i18n.ts';
import { countOf, inboxViews, viewFromSearch } from '../list/views.ts';
import { Link, useRoute } from '../router.ts';
import { isSupervisor, useSession } from '../session.tsx';
import { LiveStatus } from './live-status.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { PresenceToggle } from './presence-toggle.tsx';
import { shellMessages } from './messages.ts';
import { useInboxCounts } from './use-inbox-counts.ts';
import './shell.css';

/** The signed-in frame: the views with their counts, the person's presence and the live status beside the screen. */
export function AppShell({ me, children }: { me: MeView; children: ReactNode }) {
  const t = useT(shellMessages);
  const tc = useT(commonMessages);
  const { route, search } = useRoute();
  const { signOut } = useSession();
  const counts = useInboxCounts();
  const [menuOpen, setMenuOpen] = useState(false);
  const inList = route.name === 'list' || route.name === 'conversation';
  const currentView = inList ? viewFromSearch(search, me) : null;
  const langParam = search.get('lang');
  // The tab's title says where one is (screen readers announce it; several tabs stay apart).
  const place =
    route.name === 'supervisor'
      ? t('supervisor')
      : route.name === 'settings'
        ? t('settings')
        : currentView
          ? t(`view_${currentView}`)
          : null;
  const unreadTotal = counts?.unread.all ?? 0;
  useEffect(() => {
    document.title = `${unreadTotal > 0 ? `(${unreadTotal}) ` : ''}${place ? `${place} · ` : ''}Fio`;
  }, [place, unreadTotal]);
  const withLang = (path: string) => (langParam ? `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(langParam)}` : path);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="sidebar">
        <div className="sidebar-top">
          <span className="brand">Fio</span>
          <LiveStatus />
          <NotificationsBell />
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="sidebar-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('menu')}
          </button>
        </div>
        <nav
          id="sidebar-nav"
          className={menuOpen ? 'sidebar-nav open' : 'sidebar-nav'}
          aria-label={t('navLabel')}
          onClick={() => setMenuOpen(false)}
        >
          <h2 className="sidebar-heading">{t('views')}</h2>
          <ul className="view-list">
            {inboxViews.map((view) => {
              const c = counts ? countOf(counts, view) : null;
              return (
                <li key={view}>
                  <Link
                    to={withLang(`/inbox/?view=${view}`)}
                    className="view-link"
                    data-testid={`view-${view}`}
                    aria-current={currentView === view ? 'page' : undefined}
                  >
                    <span>{t(`view_${view}`)}</span>
                    <span
                      className={c && c.unread > 0 ? 'count count-unread' : 'count'}
                      data-testid="count"
                      data-count={c?.count ?? ''}
                      data-unread={c?.unread ?? 0}
                      aria-hidden="true"
                    >
                      {c ? c.count : ''}
                    </span>
                    {/* The number alone would be read bare: the link's name says what it counts. */}
                    {c ? (
                      <span className="visually-hidden">
                        {c.unread ? t('countLabel', { count: c.count, unread: c.unread }) : t('countPlain', { count: c.count })}
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
          {isSupervisor(me) ? (
            <Link
              to={withLang('/inbox/supervisor')}
              className="nav-link"
              data-testid="nav-supervisor"
              aria-current={route.name === 'supervisor' ? 'page' : undefined}
            >
              {t('supervisor')}
            </Link>
          ) : null}
          {isSupervisor(me) ? (
            <Link
              to={withLang(me.user.role === 'admin' ? '/inbox/settings/agents' : '/inbox/settings/teams')}
              className="nav-link"
              data-testid="nav-settings"
              aria-current={route.name === 'settings' ? 'page' : undefined}
            >
              {t('settings')}
            </Link>
          ) : null}
        </nav>
        <div className="sidebar-bottom">
          <PresenceToggle me={me} />
          <LocaleSwitch />
          <p className="me" title={me.user.email}>
            {t('signedInAs', { name: me.user.name, role: tc(`role_${me.user.role}`) })}
            <span className="me-workspace">{me.workspace.name}</span>
          </p>
          <button type="button" className="button button-small" data-testid="sign-out" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
