import type { MeView } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { Link } from '../router.ts';
import { AgentsSettings } from './agents-settings.tsx';
import { CannedSettings } from './canned-settings.tsx';
import { settingsMessages } from './messages.ts';
import { TeamsSettings } from './teams-settings.tsx';
import './settings.css';

type Tab = 'agents' | 'teams' | 'canned';

/** Admins manage people, teams and canned responses; supervisors see the teams (and their members) and canned responses. */
export function SettingsScreen({ me, tab }: { me: MeView; tab: Tab }) {
  const t = useT(settingsMessages);
  const isAdmin = me.user.role === 'admin';
  const tabs: Tab[] = isAdmin ? ['agents', 'teams', 'canned'] : ['teams', 'canned'];
  const current = tabs.includes(tab) ? tab : 'teams';
  return (
    <div className="settings">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <nav className="tabs" aria-label={t('tabsLabel')}>
        {tabs.map((name) => (
          <Link
            key={name}
            to={`/inbox/settings/${name}`}
            className="tab"
            aria-current={current === name ? 'page' : undefined}
            data-testid={`settings-${name}`}
          >
            {t(`tab_${name}`)}
          </Link>
        ))}
      </nav>
      {current === 'agents' ? <AgentsSettings me={me} /> : null}
      {current === 'teams' ? <TeamsSettings me={me} /> : null}
      {current === 'canned' ? <CannedSettings me={me} /> : null}
    </div>
  );
}
