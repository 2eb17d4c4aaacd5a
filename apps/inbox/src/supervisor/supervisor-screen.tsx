import type { InboxConversation, SupervisorOverview } from '@fio/contracts';
import { ChannelLabel } from '../common/channel-label.tsx';
import { ErrorState } from '../common/error-state.tsx';
import { commonMessages } from '../common/messages.ts';
import { SlaBadge } from '../common/sla-badge.tsx';
import { formatDuration, useNow } from '../common/use-now.ts';
import { useTeams } from '../common/use-teams.ts';
import { formatDateTime, formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { Link } from '../router.ts';
import { supervisorMessages } from './messages.ts';
import { useSupervisorOverview } from './use-supervisor-overview.ts';
import './supervisor.css';

/** Agents' presence and load, the queues with their waits ticking, SLA breaches, and live conversations to open. */
export function SupervisorScreen() {
  const t = useT(supervisorMessages);
  const { overview, fetchedAt, error, reload } = useSupervisorOverview();
  const { teams } = useTeams();
  const now = useNow(1000);
  const { locale } = useLocale();
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;

  return (
    <div className="supervisor" data-testid="supervisor">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <span className="muted" role="status">
          {fetchedAt ? t('updated', { time: formatDateTime(locale, new Date(fetchedAt).toISOString(), { timeStyle: 'medium' }) }) : null}
        </span>
        <button type="button" className="button button-small" onClick={reload}>
          {t('refresh')}
        </button>
      </header>
      {error && !overview ? <ErrorState error={error} onRetry={reload} path="/api/v1/supervisor/overview" /> : null}
      {overview ? (
        <div className="supervisor-grid">
          <AgentsTable overview={overview} teamName={teamName} />
          <QueuesTable overview={overview} now={now} fetchedAt={fetchedAt} />
          <Breaches rows={overview.breaches} now={now} />
          <LiveConversations rows={overview.live} now={now} locale={locale} />
        </div>
      ) : null}
    </div>
  );
}

function AgentsTable({ overview, teamName }: { overview: SupervisorOverview; teamName: (id: string) => string }) {
  const t = useT(supervisorMessages);
  const tc = useT(commonMessages);
  return (
    <section className="panel" aria-labelledby="agents-title">
      <h2 id="agents-title">{t('agents')}</h2>
      <table className="table" data-testid="agents-table">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('presence')}</th>
            <th scope="col">{t('load')}</th>
            <th scope="col">{t('teams')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.agents.length === 0 ? (
            <tr>
              <td colSpan={4}>{t('noAgents')}</td>
            </tr>
          ) : null}
          {overview.agents.map((a) => {
            const ratio = a.capacity > 0 ? Math.min(1, a.open / a.capacity) : a.open > 0 ? 1 : 0;
            return (
              <tr key={a.userId} data-user-id={a.userId}>
                <th scope="row">
                  {a.name}
                  <span className="muted small agent-role">{tc(`role_${a.role}`)}</span>
                </th>
                <td>
                  <span className={`presence presence-${a.presence}`}>
                    <span className="presence-dot" aria-hidden="true" />
                    {tc(`presence_${a.presence}`)}
                  </span>
                </td>
                <td>
                  <span className="load">
                    <span className="load-bar" aria-hidden="true">
                      <span className={ratio >= 1 ? 'load-fill load-full' : 'load-fill'} style={{ width: `${Math.round(ratio * 100)}%` }} />
                    </span>
                    {t('loadValue', { open: a.open, capacity: a.capacity })}
                  </span>
                </td>
                <td>{a.teamIds.map(teamName).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function QueuesTable({ overview, now, fetchedAt }: { overview: SupervisorOverview; now: number; fetchedAt: number }) {
  const t = useT(supervisorMessages);
  // The waits keep ticking between fetches: the oldest from its queue time, the average by the time passed.
  const sinceFetch = Math.max(0, (now - fetchedAt) / 1000);
  return (
    <section className="panel" aria-labelledby="queues-title">
      <h2 id="queues-title">{t('queues')}</h2>
      <table className="table" data-testid="queues-table">
        <thead>
          <tr>
            <th scope="col">{t('queue')}</th>
            <th scope="col">{t('waiting')}</th>
            <th scope="col">{t('longestWait')}</th>
            <th scope="col">{t('averageWait')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.queues.length === 0 ? (
            <tr>
              <td colSpan={4}>{t('noQueues')}</td>
            </tr>
          ) : null}
          {overview.queues.map((q) => {
            const longest = q.oldestQueuedAt ? (now - Date.parse(q.oldestQueuedAt)) / 1000 : q.longestWaitSeconds;
            const average = q.waiting > 0 ? q.averageWaitSeconds + sinceFetch : 0;
            return (
              <tr key={q.teamId ?? 'none'} data-team-id={q.teamId ?? ''}>
                <th scope="row">{q.teamName ?? t('noTeam')}</th>
                <td>{q.waiting}</td>
                <td>{q.waiting > 0 ? formatDuration(longest) : '—'}</td>
                <td>{q.waiting > 0 ? formatDuration(average) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function Breaches({ rows, now }: { rows: InboxConversation[]; now: number }) {
  const t = useT(supervisorMessages);
  return (
    <section className="panel" aria-labelledby="breaches-title">
      <h2 id="breaches-title">{t('breaches')}</h2>
      <ul className="card-list" data-testid="sla-breaches" aria-live="polite">
        {rows.length === 0 ? <li className="muted">{t('noBreaches')}</li> : null}
        {rows.map((c) => {
          const name = c.contactName ?? t('unknownContact');
          return (
            <li key={c.id} className="card-row" data-testid="breach-row" data-conversation-id={c.id}>
              <span className="card-main">
                <strong>{name}</strong>
                <span className="muted">
                  {c.teamName ?? t('noTeam')} · {c.assigneeName ?? t('unassigned')}
                </span>
              </span>
              <SlaBadge sla={c.sla} now={now} />
              <Link
                className="button button-small"
                to={`/inbox/c/${encodeURIComponent(c.id)}?view=all`}
                aria-label={t('openNamed', { name })}
              >
                {t('open')}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function LiveConversations({
  rows,
  now,
  locale,
}: {
  rows: InboxConversation[];
  now: number;
  locale: ReturnType<typeof useLocale>['locale'];
}) {
  const t = useT(supervisorMessages);
  const tc = useT(commonMessages);
  return (
    <section className="panel panel-wide" aria-labelledby="live-title">
      <h2 id="live-title">{t('live')}</h2>
      <ul className="card-list" data-testid="live-conversations">
        {rows.length === 0 ? <li className="muted">{t('noLive')}</li> : null}
        {rows.map((c) => {
          const name = c.contactName ?? t('unknownContact');
          const joining = c.status === 'assigned';
          return (
            <li key={c.id} className="card-row" data-conversation-id={c.id} data-status={c.status}>
              <span className="card-main">
                <strong>{name}</strong>
                <span className="muted">
                  {tc(`status_${c.status}`)} · {c.assigneeName ?? t('unassigned')}
                  {c.lastMessageAt ? ` · ${formatRelative(locale, c.lastMessageAt, now)}` : ''}
                </span>
                {c.lastMessage ? <span className="card-text">{c.lastMessage.text}</span> : null}
              </span>
              <ChannelLabel type={c.channelType} />
              <Link
                className="button button-small"
                to={`/inbox/c/${encodeURIComponent(c.id)}?view=all`}
                aria-label={joining ? t('joinNamed', { name }) : t('openNamed', { name })}
              >
                {joining ? t('join') : t('open')}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
