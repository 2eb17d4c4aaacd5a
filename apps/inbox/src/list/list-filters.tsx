import { useEffect, useState, type Ref } from 'react';
import { channelTypeSchema, conversationStatusSchema, prioritySchema, slaStateSchema, type MeView } from '@fio/contracts';
import { channelName } from '../common/channel-label.tsx';
import { commonMessages } from '../common/messages.ts';
import { useTeams } from '../common/use-teams.ts';
import { useT } from '../i18n/i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { filterKeys, filtersFromSearch, withFilter } from './list-query.ts';
import { listMessages } from './messages.ts';

/** Search and filters, written to the URL (replace, not push: filtering is not a place to go back to). */
export function ListFilters({ me, searchRef }: { me: MeView; searchRef: Ref<HTMLInputElement> }) {
  const t = useT(listMessages);
  const tc = useT(commonMessages);
  const { path, search } = useRoute();
  const filters = filtersFromSearch(search);
  const { teams } = useTeams();
  const [q, setQ] = useState(filters.q ?? '');
  const set = (key: (typeof filterKeys)[number], value: string) => {
    const next = withFilter(new URLSearchParams(location.search), key, value);
    navigate(`${path}${next ? `?${next}` : ''}`, { replace: true });
  };

  // Typing searches after a short pause, not on every key.
  const urlQ = filters.q ?? '';
  useEffect(() => {
    if (q.trim() === urlQ) return;
    const timer = setTimeout(() => set('q', q.trim()), 350);
    return () => clearTimeout(timer);
    // `set` reads location itself: only the typed text and the URL's drive this.
  }, [q, urlQ]);

  const active = filterKeys.some((k) => k !== 'q' && filters[k]);
  const languages = me.workspace.languages;

  return (
    <div className="list-filters">
      <label className="search-field">
        <span className="visually-hidden">{t('search')}</span>
        <input
          ref={searchRef}
          type="search"
          data-testid="search"
          placeholder={t('searchPlaceholder')}
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('q', q.trim());
            if (e.key === 'Escape') {
              if (q) setQ('');
              else e.currentTarget.blur();
            }
          }}
        />
      </label>
      <details className="filters" open={active}>
        <summary>{t('filters')}</summary>
        <div className="filter-grid">
          <label className="field field-small">
            <span>{t('channel')}</span>
            <select data-testid="filter-channel" value={filters.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
              <option value="">{t('any')}</option>
              {channelTypeSchema.options.map((c) => (
                <option key={c} value={c}>
                  {channelName(c)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('status')}</span>
            <select data-testid="filter-status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('anyFem')}</option>
              {conversationStatusSchema.options.map((s) => (
                <option key={s} value={s}>
                  {tc(`status_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('team')}</span>
            <select data-testid="filter-team" value={filters.team ?? ''} onChange={(e) => set('team', e.target.value)}>
              <option value="">{t('any')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('tag')}</span>
            <input
              key={filters.tag ?? ''}
              data-testid="filter-tag"
              type="text"
              defaultValue={filters.tag ?? ''}
              maxLength={64}
              onBlur={(e) => set('tag', e.target.value.trim())}
              onKeyDown={(e) => e.key === 'Enter' && set('tag', e.currentTarget.value.trim())}
            />
          </label>
          <label className="field field-small">
            <span>{t('priority')}</span>
            <select data-testid="filter-priority" value={filters.priority ?? ''} onChange={(e) => set('priority', e.target.value)}>
              <option value="">{t('anyFem')}</option>
              {prioritySchema.options.map((p) => (
                <option key={p} value={p}>
                  {tc(`priority_${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('sla')}</span>
            <select data-testid="filter-sla" value={filters.sla ?? ''} onChange={(e) => set('sla', e.target.value)}>
              <option value="">{t('any')}</option>
              {slaStateSchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`sla_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-small">
            <span>{t('language')}</span>
            <select data-testid="filter-language" value={filters.language ?? ''} onChange={(e) => set('language', e.target.value)}>
              <option value="">{t('any')}</option>
              {[...new Set([...languages, ...(filters.language ? [filters.language] : [])])].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        {active ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const next = new URLSearchParams(location.search);
              for (const k of filterKeys) if (k !== 'q') next.delete(k);
              const s = next.toString();
              navigate(`${path}${s ? `?${s}` : ''}`, { replace: true });
            }}
          >
            {t('clearFilters')}
          </button>
        ) : null}
      </details>
    </div>
  );
}
