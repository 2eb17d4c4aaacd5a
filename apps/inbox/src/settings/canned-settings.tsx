import { formText } from '../common/form-text.ts';
import { useEffect, useState, type FormEvent } from 'react';
import type { CannedResponseView, MeView } from '@fio/contracts';
import { api } from '../api/client.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { ErrorState, useErrorText } from '../common/error-state.tsx';
import { commonMessages } from '../common/messages.ts';
import { usePagedList } from '../common/use-paged-list.ts';
import { useTeams } from '../common/use-teams.ts';
import { useT } from '../i18n/i18n.ts';
import { settingsMessages } from './messages.ts';

/** Canned responses: search, create, edit, delete (admins and supervisors; the file's own ones are read-only). */
export function CannedSettings({ me }: { me: MeView }) {
  const t = useT(settingsMessages);
  const tc = useT(commonMessages);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const list = usePagedList<CannedResponseView>(`/api/v1/canned-responses?limit=100${query ? `&q=${encodeURIComponent(query)}` : ''}`);
  const { teams } = useTeams();
  const [editing, setEditing] = useState<CannedResponseView | null>(null);
  const [deleting, setDeleting] = useState<CannedResponseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText(error);

  const remove = async (c: CannedResponseView) => {
    setError(null);
    try {
      await api.delete(`/api/v1/canned-responses/${encodeURIComponent(c.id)}`);
      list.setItems((all) => all.filter((x) => x.id !== c.id));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="canned-heading" className="settings-section">
      <h2 id="canned-heading" className="visually-hidden">
        {t('tab_canned')}
      </h2>
      <CannedForm
        key={editing?.id ?? 'new'}
        editing={editing}
        languages={me.workspace.languages}
        teams={teams}
        onDone={() => {
          setEditing(null);
          list.reload();
        }}
        onCancel={() => setEditing(null)}
      />
      <label className="field">
        <span>{t('searchCanned')}</span>
        <input type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </label>
      {list.status === 'failed' ? <ErrorState error={list.error} onRetry={list.reload} path="/api/v1/canned-responses" /> : null}
      <p role="status" className="form-error">
        {error ? errorText : null}
      </p>
      <ul className="canned-list" data-testid="canned-settings">
        {list.status === 'ready' && list.items.length === 0 ? <li className="muted">{t('noCanned')}</li> : null}
        {list.items.map((c) => (
          <li key={c.id} className="panel canned-item" data-canned-id={c.id}>
            <div className="team-head">
              <h3>
                <code>/{c.shortcut}</code> {c.title}
              </h3>
              <span className="muted small">
                {c.language ?? t('anyLanguage')} · {c.teamId ? (teams.find((x) => x.id === c.teamId)?.name ?? c.teamId) : t('anyTeam')}
              </span>
            </div>
            <p className="canned-body">{c.body}</p>
            <div className="row-actions">
              <button
                type="button"
                className="button button-small"
                onClick={() => setEditing(c)}
                aria-label={t('editCanned', { name: c.shortcut })}
              >
                {tc('edit')}
              </button>
              <button type="button" className="button button-small button-danger" onClick={() => setDeleting(c)}>
                {tc('delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {list.nextCursor ? (
        <button type="button" className="button button-small" onClick={list.loadMore}>
          {t('loadMore')}
        </button>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('deleteTitle', { name: deleting ? `/${deleting.shortcut}` : '' })}
        confirmLabel={tc('delete')}
        danger
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const target = deleting;
          setDeleting(null);
          if (target) void remove(target);
        }}
      >
        <p>{t('deleteCannedBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function CannedForm(props: {
  editing: CannedResponseView | null;
  languages: string[];
  teams: { id: string; name: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { editing } = props;
  const t = useT(settingsMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText(error);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const language = formText(form, 'language');
    const teamId = formText(form, 'teamId');
    const body = {
      shortcut: formText(form, 'shortcut').trim(),
      title: formText(form, 'title').trim(),
      body: formText(form, 'body').trim(),
      language: language || null,
      teamId: teamId || null,
    };
    setBusy(true);
    setError(null);
    try {
      if (editing) await api.patch(`/api/v1/canned-responses/${encodeURIComponent(editing.id)}`, body);
      else await api.post('/api/v1/canned-responses', body);
      if (!editing) formEl.reset();
      setBusy(false);
      props.onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <details className="panel" open={editing !== null}>
      <summary>{editing ? t('editCanned', { name: `/${editing.shortcut}` }) : t('newCanned')}</summary>
      <form className="form" data-testid="canned-form" onSubmit={(e) => void submit(e)}>
        <div className="form-row">
          <label className="field">
            <span>{t('shortcut')}</span>
            <input
              name="shortcut"
              type="text"
              required
              maxLength={40}
              pattern="[a-z0-9][a-z0-9_\-]*"
              title={t('shortcutHint')}
              defaultValue={editing?.shortcut ?? ''}
            />
          </label>
          <label className="field">
            <span>{t('cannedTitle')}</span>
            <input name="title" type="text" required maxLength={120} defaultValue={editing?.title ?? ''} />
          </label>
          <label className="field">
            <span>{t('language')}</span>
            <select name="language" defaultValue={editing?.language ?? ''}>
              <option value="">{t('anyLanguage')}</option>
              {props.languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('team')}</span>
            <select name="teamId" defaultValue={editing?.teamId ?? ''}>
              <option value="">{t('anyTeam')}</option>
              {props.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>{t('body')}</span>
          <textarea name="body" required maxLength={4000} rows={4} defaultValue={editing?.body ?? ''} aria-describedby="canned-body-hint" />
          <small id="canned-body-hint">{t('bodyHint')}</small>
        </label>
        <p role="status" className="form-error">
          {error ? errorText : null}
        </p>
        <div className="row-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {editing ? t('save') : t('createCanned')}
          </button>
          {editing ? (
            <button type="button" className="button" onClick={props.onCancel}>
              {t('cancelEdit')}
            </button>
          ) : null}
        </div>
      </form>
    </details>
  );
}
