import { formText } from '../common/form-text.ts';
import { useState, type FormEvent } from 'react';
import { teamRoutingSchema, type MeView, type TeamRouting, type TeamView, type UserView } from '@fio/contracts';
import { api } from '../api/client.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { ActionStatus } from '../common/action-status.tsx';
import { ErrorState } from '../common/error-state.tsx';
import { commonMessages } from '../common/messages.ts';
import { useAction } from '../common/use-action.ts';
import { usePagedList } from '../common/use-paged-list.ts';
import { useT } from '../i18n/i18n.ts';
import { settingsMessages } from './messages.ts';
import { parseSkills } from './parse-skills.ts';

const routingOf = (value: unknown): TeamRouting => teamRoutingSchema.options.find((r) => r === value) ?? 'round_robin';

/** Teams: admins create, change and delete them; admins and supervisors set who is in each. */
export function TeamsSettings({ me }: { me: MeView }) {
  const t = useT(settingsMessages);
  const isAdmin = me.user.role === 'admin';
  const teams = usePagedList<TeamView>('/api/v1/teams?limit=100');
  const users = usePagedList<UserView>('/api/v1/users?limit=100');
  return (
    <section aria-labelledby="teams-heading" className="settings-section">
      <h2 id="teams-heading" className="visually-hidden">
        {t('tab_teams')}
      </h2>
      {isAdmin ? <NewTeamForm onCreated={teams.reload} /> : <p className="muted">{t('adminsOnly')}</p>}
      {teams.status === 'failed' ? <ErrorState error={teams.error} onRetry={teams.reload} path="/api/v1/teams" /> : null}
      {teams.status === 'ready' && teams.items.length === 0 ? <p>{t('noTeams')}</p> : null}
      <ul className="team-list" data-testid="teams-settings">
        {teams.items.map((team) => (
          <TeamCard
            key={`${team.id}:${team.updatedAt}`}
            team={team}
            isAdmin={isAdmin}
            users={users.items.filter((u) => u.status !== 'disabled')}
            onChanged={(next) => teams.setItems((all) => all.map((x) => (x.id === next.id ? next : x)))}
            onDeleted={() => teams.setItems((all) => all.filter((x) => x.id !== team.id))}
          />
        ))}
      </ul>
    </section>
  );
}

function TeamCard(props: { team: TeamView; isAdmin: boolean; users: UserView[]; onChanged: (t: TeamView) => void; onDeleted: () => void }) {
  const { team, isAdmin, users } = props;
  const t = useT(settingsMessages);
  const tc = useT(commonMessages);
  const editable = isAdmin && team.source === 'api';
  const [name, setName] = useState(team.name);
  const [routing, setRouting] = useState<TeamRouting>(team.routing);
  const [restricted, setRestricted] = useState(team.restricted);
  const [skills, setSkills] = useState(team.requiredSkills.join(', '));
  const [members, setMembers] = useState<string[]>(team.memberIds);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const { busy, run, setNote } = action;

  const save = () => {
    const parsed = parseSkills(skills);
    if (!parsed.ok) return setNote(t('badSkill', { skill: parsed.bad }));
    void run(async () => {
      props.onChanged(
        await api.patch<TeamView>(`/api/v1/teams/${encodeURIComponent(team.id)}`, {
          name: name.trim(),
          routing,
          restricted,
          requiredSkills: parsed.skills,
        }),
      );
      setNote(t('saved'));
    });
  };
  const saveMembers = () =>
    void run(async () => {
      const answer = await api.put<unknown>(`/api/v1/teams/${encodeURIComponent(team.id)}/members`, { userIds: members });
      props.onChanged({ ...team, memberIds: members, ...(isTeam(answer) ? answer : {}) });
      setNote(t('saved'));
    });
  const remove = () =>
    void run(async () => {
      await api.delete(`/api/v1/teams/${encodeURIComponent(team.id)}`);
      props.onDeleted();
    });

  const base = `team-${team.id}`;
  return (
    <li className="panel team-card" data-team-id={team.id} data-team-key={team.key}>
      <div className="team-head">
        <h3>{team.name}</h3>
        <span className="muted small">
          {team.key} · {t(`routing_${team.routing}`)}
          {team.restricted ? ` · ${t('restricted')}` : ''} · {t('membersCount', { count: team.memberIds.length })}
        </span>
      </div>
      {team.source === 'file' ? <p className="muted small">{t('fromFile')}</p> : null}
      {editable ? (
        <div className="form form-row">
          <label className="field">
            <span>{t('name')}</span>
            <input id={`${base}-name`} type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('routing')}</span>
            <select value={routing} onChange={(e) => setRouting(routingOf(e.target.value))}>
              <RoutingOptions />
            </select>
          </label>
          <label className="field">
            <span>{t('requiredSkills')}</span>
            <input type="text" value={skills} title={t('skillsHint')} onChange={(e) => setSkills(e.target.value)} />
          </label>
          <label className="checkbox" title={t('restrictedHint')}>
            <input type="checkbox" checked={restricted} onChange={(e) => setRestricted(e.target.checked)} /> {t('restricted')}
          </label>
          <button type="button" className="button button-primary button-small" disabled={busy} onClick={save}>
            {t('save')}
          </button>
          <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => setConfirming(true)}>
            {tc('delete')}
          </button>
        </div>
      ) : null}
      <details className="members">
        <summary>{t('membersOf', { name: team.name })}</summary>
        <fieldset className="checkbox-group">
          <legend className="visually-hidden">{t('membersOf', { name: team.name })}</legend>
          {users.map((u) => (
            <label key={u.id} className="checkbox">
              <input
                type="checkbox"
                checked={members.includes(u.id)}
                onChange={(e) => setMembers((m) => (e.target.checked ? [...m, u.id] : m.filter((x) => x !== u.id)))}
              />{' '}
              {u.name}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button button-small" disabled={busy} onClick={saveMembers}>
          {t('saveMembers')}
        </button>
      </details>
      <ActionStatus action={action} small />
      <ConfirmDialog
        open={confirming}
        title={t('deleteTitle', { name: team.name })}
        confirmLabel={tc('delete')}
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove();
        }}
      >
        <p>{t('deleteTeamBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

/** PUT members may answer the team itself; anything else keeps what was sent. */
function isTeam(value: unknown): value is TeamView {
  return typeof value === 'object' && value !== null && 'id' in value && 'memberIds' in value && Array.isArray(value.memberIds);
}

function NewTeamForm({ onCreated }: { onCreated: () => void }) {
  const t = useT(settingsMessages);
  const action = useAction();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const parsed = parseSkills(formText(form, 'requiredSkills'));
    if (!parsed.ok) return action.setNote(t('badSkill', { skill: parsed.bad }));
    return action.run(async () => {
      await api.post('/api/v1/teams', {
        key: formText(form, 'key').trim(),
        name: formText(form, 'name').trim(),
        routing: routingOf(form.get('routing')),
        restricted: form.get('restricted') === 'on',
        requiredSkills: parsed.skills,
      });
      formEl.reset();
      onCreated();
    });
  };
  return (
    <details className="panel">
      <summary>{t('newTeam')}</summary>
      <form className="form form-row" data-testid="new-team-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('key')}</span>
          <input name="key" type="text" required pattern="[a-z0-9][a-z0-9_\-]*" maxLength={64} title={t('keyHint')} />
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input name="name" type="text" required maxLength={120} />
        </label>
        <label className="field">
          <span>{t('routing')}</span>
          <select name="routing" defaultValue="round_robin">
            <RoutingOptions />
          </select>
        </label>
        <label className="field">
          <span>{t('requiredSkills')}</span>
          <input name="requiredSkills" type="text" title={t('skillsHint')} />
        </label>
        <label className="checkbox" title={t('restrictedHint')}>
          <input type="checkbox" name="restricted" /> {t('restricted')}
        </label>
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {t('createTeam')}
        </button>
        <ActionStatus action={action} />
      </form>
    </details>
  );
}

function RoutingOptions() {
  const t = useT(settingsMessages);
  return teamRoutingSchema.options.map((r) => (
    <option key={r} value={r}>
      {t(`routing_${r}`)}
    </option>
  ));
}
