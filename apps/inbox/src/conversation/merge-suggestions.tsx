import { useState } from 'react';
import type { ContactView } from '@fio/contracts';
import { api, ApiFailure, query } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';
import { useResource } from './use-resource.ts';

interface MergeSuggestion {
  id: string;
  contactId: string;
  candidateId: string;
  score: number;
  reasons: { kind: string; detail: string }[];
}

function OtherContactName({ id }: { id: string }) {
  const [contact] = useResource<ContactView>(`/api/v1/contacts/${encodeURIComponent(id)}`);
  const t = useT(conversationMessages);
  if (contact.state !== 'ready') return <>{t('contact.unnamed')}</>;
  const c = contact.data;
  return <>{c.displayName ?? c.email ?? c.phone ?? t('contact.unnamed')}</>;
}

/** Weak evidence this customer is also another contact: an agent who knows decides, both ways. */
export function MergeSuggestions({ contactId, canDecide, onMerged }: { contactId: string; canDecide: boolean; onMerged: () => void }) {
  const t = useT(conversationMessages);
  // A bot editor may not read them (403): not asked for at all.
  const [list, reload] = useResource<{ data: MergeSuggestion[] }>(
    canDecide ? `/api/v1/merge-suggestions${query({ contactId, status: 'open', limit: 10 })}` : null,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (list.state !== 'ready' || list.data.data.length === 0) return null;
  const decide = async (id: string, decision: 'accept' | 'reject') => {
    setBusy(id);
    setError(null);
    try {
      await api.post(`/api/v1/merge-suggestions/${encodeURIComponent(id)}/${decision}`);
      reload();
      if (decision === 'accept') onMerged();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="cv-panel-section" data-testid="merge-suggestions">
      <h3>{t('merge.title')}</h3>
      <ul className="cv-plain-list">
        {list.data.data.map((s) => {
          const other = s.contactId === contactId ? s.candidateId : s.contactId;
          return (
            <li key={s.id} className="cv-merge" data-testid="merge-suggestion">
              <p>
                {t('merge.maybe')} <strong>{<OtherContactName id={other} />}</strong>
              </p>
              <ul className="cv-muted cv-small">
                {s.reasons.map((r, i) => (
                  <li key={i}>{r.detail}</li>
                ))}
              </ul>
              {canDecide && (
                <div className="cv-row">
                  <button type="button" disabled={busy === s.id} onClick={() => void decide(s.id, 'accept')} data-testid="merge-accept">
                    {t('merge.accept')}
                  </button>
                  <button type="button" disabled={busy === s.id} onClick={() => void decide(s.id, 'reject')} data-testid="merge-reject">
                    {t('merge.reject')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="cv-error-text">
          {error}
        </p>
      )}
    </section>
  );
}
