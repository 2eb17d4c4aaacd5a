import { useEffect, useRef, useState } from 'react';
import type { InboxView, MeView } from '@fio/contracts';
import { ErrorState } from '../common/error-state.tsx';
import { commonMessages } from '../common/messages.ts';
import { useNow } from '../common/use-now.ts';
import { useT } from '../i18n/i18n.ts';
import { navigate, useRoute } from '../router.ts';
import { ConversationRow } from './conversation-row.tsx';
import { ListFilters } from './list-filters.tsx';
import { filterKeys, filtersFromSearch } from './list-query.ts';
import { listMessages } from './messages.ts';
import { useConversationList } from './use-conversation-list.ts';
import { useListKeyboard } from './use-list-keyboard.ts';
import { viewFromSearch } from './views.ts';
import { shellMessages } from '../shell/messages.ts';
import './list.css';

/** The conversation list of one view: filters, rows kept live, more rows on scroll, keyboard navigation. */
export function ConversationList({ me, openId }: { me: MeView; openId: string | null }) {
  const t = useT(listMessages);
  const ts = useT(shellMessages);
  const tc = useT(commonMessages);
  const { search } = useRoute();
  const view: InboxView = viewFromSearch(search, me);
  const filters = filtersFromSearch(search);
  const { state, reload, loadMore } = useConversationList(me, view, filters, openId);
  const now = useNow(30_000);
  const searchInput = useRef<HTMLInputElement>(null);
  const rowRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState(-1);
  const sentinel = useRef<HTMLLIElement>(null);
  const query = search.toString();
  const hrefOf = (id: string) => `/inbox/c/${encodeURIComponent(id)}${query ? `?${query}` : ''}`;

  useListKeyboard({
    searchInput,
    count: state.rows.length,
    focusIndex,
    focusRow: (i) => {
      setFocusIndex(i);
      rowRefs.current[i]?.focus();
      rowRefs.current[i]?.scrollIntoView({ block: 'nearest' });
    },
    onBack: openId ? () => navigate(`/inbox/${query ? `?${query}` : ''}`) : null,
  });

  // More rows when the end of the list scrolls into sight (the button below does the same by hand).
  const canLoadMore = state.status === 'ready' && state.nextCursor !== null;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !canLoadMore) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [canLoadMore, loadMore]);

  const filtered = filterKeys.some((k) => filters[k]);
  const announcement = state.announcement
    ? t(state.announcement.kind === 'message' ? 'newMessageFrom' : 'newConversation', {
        name: state.announcement.name ?? t('unknownContact'),
      })
    : '';

  return (
    <section className="list-pane" aria-labelledby="list-title">
      <h1 id="list-title" className="list-title">
        {ts(`view_${view}`)}
      </h1>
      <ListFilters me={me} searchRef={searchInput} />
      <p className="visually-hidden">{t('keyboardHint')}</p>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      {state.status === 'failed' && state.rows.length === 0 ? (
        <ErrorState error={state.error} onRetry={reload} path="/api/v1/inbox/conversations" />
      ) : (
        <ul
          className="conversation-list"
          data-testid="conversation-list"
          aria-label={t('listLabel', { view: ts(`view_${view}`) })}
          aria-busy={state.status === 'loading'}
        >
          {state.rows.map((c, i) => (
            <li key={c.id}>
              <ConversationRow
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                conversation={c}
                href={hrefOf(c.id)}
                selected={c.id === openId}
                now={now}
                onFocus={() => setFocusIndex(i)}
              />
            </li>
          ))}
          {state.status === 'ready' && state.rows.length === 0 ? (
            <li className="list-empty">{filtered ? t('emptyFiltered') : t('empty')}</li>
          ) : null}
          {state.status === 'loading' && state.rows.length === 0 ? <li className="list-empty">{tc('loading')}</li> : null}
          {canLoadMore ? (
            <li ref={sentinel} className="list-more">
              <button type="button" className="button button-small" onClick={loadMore} disabled={state.loadingMore}>
                {state.loadingMore ? t('loadingMore') : t('loadMore')}
              </button>
            </li>
          ) : null}
        </ul>
      )}
      {state.status === 'failed' && state.rows.length > 0 ? <ErrorState error={state.error} onRetry={reload} /> : null}
    </section>
  );
}
