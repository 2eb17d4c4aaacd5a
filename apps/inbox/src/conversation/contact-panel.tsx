import type { ContactView, ConversationWithSummary, TimelineItemView } from '@fio/contracts';
import { formatDateTime, useLocale, useT } from '../i18n/i18n.ts';
import { Link } from '../router.ts';
import { ChannelLabel, useChannelName } from './channel-label.tsx';
import { MergeSuggestions } from './merge-suggestions.tsx';
import { conversationMessages } from './messages.ts';
import { useResource } from './use-resource.ts';

/** "orderCount" / "last_order" → "Order count" / "Last order": attribute keys read as words. */
export function labelOfAttribute(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Profile({ contact }: { contact: ContactView }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const channelName = useChannelName();
  const attributes = Object.entries(contact.attributes);
  return (
    <>
      <section className="cv-panel-section">
        <h3 className="cv-contact-name">{contact.displayName ?? t('contact.unnamed')}</h3>
        <dl className="cv-facts">
          {contact.email && (
            <div>
              <dt>{t('contact.email')}</dt>
              <dd>{contact.email}</dd>
            </div>
          )}
          {contact.phone && (
            <div>
              <dt>{t('contact.phone')}</dt>
              <dd>{contact.phone}</dd>
            </div>
          )}
          {contact.locale && (
            <div>
              <dt>{t('contact.locale')}</dt>
              <dd>{contact.locale}</dd>
            </div>
          )}
          {attributes.map(([key, value]) => (
            <div key={key}>
              <dt>{labelOfAttribute(key)}</dt>
              <dd>{displayValue(value)}</dd>
            </div>
          ))}
        </dl>
        {(contact.tags.length > 0 || (contact.segments ?? []).length > 0) && (
          <ul className="cv-chips">
            {contact.tags.map((tag) => (
              <li key={`t-${tag}`} className="cv-chip">
                {tag}
              </li>
            ))}
            {(contact.segments ?? []).map((segment) => (
              <li key={`s-${segment}`} className="cv-chip cv-chip-segment">
                {t('contact.segment', { segment })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="cv-panel-section">
        <h3>{t('contact.identities')}</h3>
        <ul className="cv-plain-list">
          {contact.identities.map((identity) => (
            <li key={`${identity.kind}:${identity.value}`} className="cv-identity">
              <span className="cv-muted cv-small">{t(`identity.${identity.kind}`)}</span> <span>{identity.value}</span>{' '}
              <span className={identity.verified ? 'cv-verified' : 'cv-unverified'}>
                {identity.verified ? t('identity.verified') : t('identity.unverified')}
              </span>
              {identity.source ? <span className="cv-muted cv-small"> · {t('identity.source', { source: identity.source })}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      {(contact.consent ?? []).length > 0 && (
        <section className="cv-panel-section">
          <h3>{t('contact.consent')}</h3>
          <ul className="cv-plain-list">
            {(contact.consent ?? []).map((c) => (
              <li key={`${c.channelType}:${c.purpose}`}>
                {channelName(c.channelType)} · {c.purpose}:{' '}
                <strong className={c.status === 'granted' ? 'cv-verified' : 'cv-unverified'}>{t(`consent.${c.status}`)}</strong>{' '}
                <span className="cv-muted cv-small">{formatDateTime(locale, c.at, { dateStyle: 'short' })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function PreviousConversations({ contactId, currentId }: { contactId: string; currentId: string }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const [list] = useResource<{ data: ConversationWithSummary[] }>(
    `/api/v1/contacts/${encodeURIComponent(contactId)}/conversations?limit=6`,
  );
  if (list.state === 'loading') return null;
  const others = list.state === 'ready' ? list.data.data.filter((c) => c.id !== currentId) : [];
  return (
    <section className="cv-panel-section" data-testid="previous-conversations">
      <h3>{t('contact.previous')}</h3>
      {list.state === 'error' && <p className="cv-error-text">{list.message}</p>}
      {list.state === 'ready' && others.length === 0 && <p className="cv-muted">{t('contact.noPrevious')}</p>}
      <ul className="cv-plain-list">
        {others.map((c) => (
          <li key={c.id} className="cv-previous">
            <Link to={`/inbox/c/${encodeURIComponent(c.id)}`}>
              {formatDateTime(locale, c.createdAt, { dateStyle: 'medium' })} · {t(`convStatus.${c.status}`)}
            </Link>
            <div className="cv-small">
              {c.summary.channels.map((ch) => (
                <ChannelLabel key={ch} channel={ch} />
              ))}
            </div>
            {c.summary.lines.length > 0 && (
              <ul className="cv-small cv-summary-lines">
                {c.summary.lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const [list] = useResource<{ data: TimelineItemView[] }>(`/api/v1/contacts/${encodeURIComponent(contactId)}/timeline?limit=10`);
  if (list.state !== 'ready' || list.data.data.length === 0) return null;
  return (
    <section className="cv-panel-section" data-testid="contact-timeline">
      <h3>{t('contact.timeline')}</h3>
      <ol className="cv-plain-list cv-timeline">
        {list.data.data.map((item) => (
          <li key={item.id}>
            <time className="cv-muted cv-small" dateTime={item.at}>
              {formatDateTime(locale, item.at)}
            </time>{' '}
            <span className="cv-small">{t(`timeline.${item.kind}`)}</span> <span>{item.name}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who the customer is: profile, identities, consent, history, timeline and possible duplicates. */
export function ContactPanel({
  contactId,
  conversationId,
  canDecideMerges,
  onMerged,
}: {
  contactId: string;
  conversationId: string;
  canDecideMerges: boolean;
  onMerged: () => void;
}) {
  const t = useT(conversationMessages);
  const [contact] = useResource<ContactView>(`/api/v1/contacts/${encodeURIComponent(contactId)}`);
  return (
    <aside className="cv-panel" data-testid="contact-panel" aria-label={t('contact.panel')}>
      {contact.state === 'loading' && <p className="cv-muted">{t('loading')}</p>}
      {contact.state === 'error' && (
        <p role="alert" className="cv-error-text">
          {contact.message}
        </p>
      )}
      {contact.state === 'ready' && <Profile contact={contact.data} />}
      <MergeSuggestions contactId={contactId} canDecide={canDecideMerges} onMerged={onMerged} />
      <PreviousConversations contactId={contactId} currentId={conversationId} />
      <Timeline contactId={contactId} />
    </aside>
  );
}
