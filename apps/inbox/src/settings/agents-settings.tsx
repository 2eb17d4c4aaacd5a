import { formText } from '../common/form-text.ts';
import { useState, type FormEvent } from 'react';
import { roleSchema, type MeView, type Role, type UserView } from '@fio/contracts';
import { api } from '../api/client.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { ActionStatus } from '../common/action-status.tsx';
import { ErrorState } from '../common/error-state.tsx';
import { commonMessages } from '../common/messages.ts';
import { useAction } from '../common/use-action.ts';
import { usePagedList } from '../common/use-paged-list.ts';
import { useTeams } from '../common/use-teams.ts';
import { useT } from '../i18n/i18n.ts';
import { settingsMessages } from './messages.ts';
import { parseSkills } from './parse-skills.ts';

/** People of the workspace: invite, role, capacity, skills, disable (admins). */
export function AgentsSettings({ me }: { me: MeView }) {
  const t = useT(settingsMessages);
  const users = usePagedList<UserView>('/api/v1/users?limit=100');
  const { teams } = useTeams();
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;

  return (
    <section aria-labelledby="agents-heading" className="settings-section">
      <h2 id="agents-heading" className="visually-hidden">
        {t('tab_agents')}
      </h2>
      <InviteForm teams={teams} onInvited={users.reload} />
      {users.status === 'failed' ? <ErrorState error={users.error} onRetry={users.reload} path="/api/v1/users" /> : null}
      <table className="table" data-testid="agents-settings">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('capacity')}</th>
            <th scope="col">{t('skills')}</th>
            <th scope="col">{t('teams')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.status === 'ready' && users.items.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('noUsers')}</td>
            </tr>
          ) : null}
          {users.items.map((u) => (
            <UserRow
              key={`${u.id}:${u.role}:${u.status}:${u.capacity}:${u.skills.join(',')}`}
              user={u}
              self={u.id === me.user.id}
              teamNames={u.teamIds.map(teamName)}
              onSaved={(next) => users.setItems((all) => all.map((x) => (x.id === next.id ? next : x)))}
            />
          ))}
        </tbody>
      </table>
      {users.nextCursor ? (
        <button type="button" className="button button-small" onClick={users.loadMore}>
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}

function UserRow({
  user,
  self,
  teamNames,
  onSaved,
}: {
  user: UserView;
  self: boolean;
  teamNames: string[];
  onSaved: (u: UserView) => void;
}) {
  const t = useT(settingsMessages);
  const [role, setRole] = useState<Role>(user.role);
  const [capacity, setCapacity] = useState(String(user.capacity));
  const [skills, setSkills] = useState(user.skills.join(', '));
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const { busy } = action;

  const patch = (body: Record<string, unknown>) =>
    action.run(async () => {
      onSaved(await api.patch<UserView>(`/api/v1/users/${encodeURIComponent(user.id)}`, body));
      action.setNote(t('saved'));
    });
  const save = () => {
    const parsed = parseSkills(skills);
    if (!parsed.ok) return action.setNote(t('badSkill', { skill: parsed.bad }));
    const body: Record<string, unknown> = {};
    if (role !== user.role) body.role = role;
    const cap = Number.parseInt(capacity, 10);
    if (Number.isFinite(cap) && cap !== user.capacity) body.capacity = cap;
    if (parsed.skills.join(',') !== user.skills.join(',')) body.skills = parsed.skills;
    if (Object.keys(body).length > 0) void patch(body);
  };
  const id = `user-${user.id}`;
  return (
    <tr data-user-id={user.id} data-status={user.status}>
      <th scope="row">
        <span id={`${id}-name`}>{user.name}</span>
        <span className="muted small block user-email">{user.email}</span>
        <span className={`tag status-${user.status}`}>{t(`status_${user.status}`)}</span>
      </th>
      <td>
        <select
          aria-label={`${t('role')} — ${user.name}`}
          value={role}
          disabled={busy || self}
          onChange={(e) => setRole(roleSchema.options.find((r) => r === e.target.value) ?? user.role)}
        >
          <RoleOptions />
        </select>
      </td>
      <td>
        <input
          aria-label={`${t('capacity')} — ${user.name}`}
          title={t('capacityHint')}
          type="number"
          min={0}
          max={100}
          className="input-narrow"
          value={capacity}
          disabled={busy}
          onChange={(e) => setCapacity(e.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={`${t('skills')} — ${user.name}`}
          title={t('skillsHint')}
          type="text"
          value={skills}
          disabled={busy}
          onChange={(e) => setSkills(e.target.value)}
        />
      </td>
      <td>{teamNames.join(', ')}</td>
      <td>
        <div className="actions-cell">
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={save}>
            {t('save')}
          </button>
          {self ? null : user.status === 'disabled' ? (
            <button type="button" className="button button-small" disabled={busy} onClick={() => void patch({ status: 'active' })}>
              {t('enable')}
            </button>
          ) : (
            <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('disable')}
            </button>
          )}
          <ActionStatus action={action} small inline />
        </div>
        <ConfirmDialog
          open={confirming}
          title={t('disableTitle', { name: user.name })}
          confirmLabel={t('disable')}
          danger
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void patch({ status: 'disabled' });
          }}
        >
          <p>{t('disableBody')}</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

function InviteForm({ teams, onInvited }: { teams: { id: string; name: string }[]; onInvited: () => void }) {
  const t = useT(settingsMessages);
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const email = formText(form, 'email').trim();
    const name = formText(form, 'name').trim();
    return action.run(async () => {
      await api.post('/api/v1/users/invites', {
        email,
        ...(name ? { name } : {}),
        role: roleSchema.options.find((r) => r === form.get('role')) ?? 'agent',
        teamIds: form.getAll('teamIds').map(String),
      });
      action.setNote(t('inviteSent', { email }));
      formEl.reset();
      onInvited();
    });
  };
  return (
    <details className="panel invite">
      <summary>{t('inviteTitle')}</summary>
      <form className="form form-row" data-testid="invite-user-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('email')}</span>
          <input name="email" type="email" required maxLength={320} />
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input name="name" type="text" maxLength={120} />
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select name="role" defaultValue="agent">
            <RoleOptions />
          </select>
        </label>
        {teams.length > 0 ? (
          <fieldset className="field checkbox-group">
            <legend>{t('teams')}</legend>
            {teams.map((team) => (
              <label key={team.id} className="checkbox">
                <input type="checkbox" name="teamIds" value={team.id} /> {team.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('invite')}
        </button>
        <ActionStatus action={action} />
      </form>
    </details>
  );
}

function RoleOptions() {
  const tc = useT(commonMessages);
  return roleSchema.options.map((r) => (
    <option key={r} value={r}>
      {tc(`role_${r}`)}
    </option>
  ));
}
