import { useState, type FormEvent } from 'react';
import type { TeamView, UserView } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';
import { ModalDialog } from './modal-dialog.tsx';
import { inOneHour, toDatetimeLocal, tomorrowAtNine } from './snooze-presets.ts';

export interface TransferChoice {
  teamId?: string;
  userId?: string;
  note?: string;
}

/** What every action dialog gets from the actions bar: the request's state and where the choice goes. */
interface ActionDialogProps<Choice> {
  busy: boolean;
  error: string | null;
  onConfirm: (choice: Choice) => void;
  onClose: () => void;
}

function DialogButtons({
  confirmTestId,
  confirmLabel,
  busy,
  disabled,
  error,
  onCancel,
}: {
  confirmTestId: string;
  confirmLabel: string;
  busy: boolean;
  disabled?: boolean;
  error: string | null;
  onCancel: () => void;
}) {
  const t = useT(conversationMessages);
  return (
    <div className="cv-dialog-buttons">
      {error && (
        <p role="alert" className="cv-error-text" data-testid="dialog-error">
          {error}
        </p>
      )}
      <button type="button" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
      <button type="submit" className="cv-primary" data-testid={confirmTestId} disabled={disabled} aria-busy={busy}>
        {confirmLabel}
      </button>
    </div>
  );
}

export function TransferDialog({
  teams,
  users,
  busy,
  error,
  onConfirm,
  onClose,
}: ActionDialogProps<TransferChoice> & {
  teams: TeamView[];
  users: UserView[];
}) {
  const t = useT(conversationMessages);
  const [teamId, setTeamId] = useState('');
  const [userId, setUserId] = useState('');
  const [note, setNote] = useState('');
  const team = teams.find((x) => x.id === teamId);
  // With a team chosen, only its members are offered (a transfer to a person outside it would leave the team).
  const agents = users.filter((u) => u.role !== 'bot_editor' && (!team || team.memberIds.includes(u.id)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm({ ...(teamId ? { teamId } : {}), ...(userId ? { userId } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <ModalDialog title={t('transfer.title')} onClose={onClose} testId="transfer-dialog">
      <form onSubmit={submit} className="cv-form">
        <label>
          {t('transfer.team')}
          <select name="team" value={teamId} onChange={(e) => setTeamId(e.target.value)} autoFocus>
            <option value="">{t('transfer.noTeam')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('transfer.agent')}
          <select name="agent" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('transfer.anyAgent')}</option>
            {agents.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({t(`presence.${u.presence}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('transfer.note')}
          <textarea name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </label>
        <p className="cv-muted cv-small">{t('transfer.hint')}</p>
        <DialogButtons
          confirmTestId="transfer-confirm"
          confirmLabel={t('transfer.confirm')}
          busy={busy}
          error={error}
          disabled={!teamId && !userId}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}

export function ResolveDialog({ busy, error, onConfirm, onClose }: ActionDialogProps<boolean>) {
  const t = useT(conversationMessages);
  const [askCsat, setAskCsat] = useState(true);
  return (
    <ModalDialog title={t('resolve.title')} onClose={onClose} testId="resolve-dialog">
      <form
        className="cv-form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(askCsat);
        }}
      >
        <label className="cv-check">
          <input type="checkbox" name="askCsat" checked={askCsat} onChange={(e) => setAskCsat(e.target.checked)} autoFocus />
          {t('resolve.askCsat')}
        </label>
        <DialogButtons confirmTestId="resolve-confirm" confirmLabel={t('resolve.confirm')} busy={busy} error={error} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}

export type SnoozeChoice = { until: string } | { untilReply: true };

export function SnoozeDialog({ busy, error, onConfirm, onClose }: ActionDialogProps<SnoozeChoice>) {
  const t = useT(conversationMessages);
  const [preset, setPreset] = useState<'hour' | 'tomorrow' | 'custom' | 'reply'>('hour');
  const [custom, setCustom] = useState(() => toDatetimeLocal(inOneHour(new Date())));
  const customDate = new Date(custom);
  const customValid = !Number.isNaN(customDate.getTime()) && customDate.getTime() > Date.now();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const now = new Date();
    switch (preset) {
      case 'hour':
        return onConfirm({ until: inOneHour(now).toISOString() });
      case 'tomorrow':
        return onConfirm({ until: tomorrowAtNine(now).toISOString() });
      case 'custom':
        return onConfirm({ until: customDate.toISOString() });
      case 'reply':
        return onConfirm({ untilReply: true });
    }
  };
  const option = (value: typeof preset, label: string) => (
    <label className="cv-check">
      <input type="radio" name="snooze" value={value} checked={preset === value} onChange={() => setPreset(value)} />
      {label}
    </label>
  );
  return (
    <ModalDialog title={t('snooze.title')} onClose={onClose} testId="snooze-dialog">
      <form className="cv-form" onSubmit={submit}>
        <fieldset>
          <legend className="cv-visually-hidden">{t('snooze.title')}</legend>
          {option('hour', t('snooze.hour'))}
          {option('tomorrow', t('snooze.tomorrow'))}
          {option('reply', t('snooze.reply'))}
          {option('custom', t('snooze.custom'))}
          {preset === 'custom' && (
            <label>
              {t('snooze.customLabel')}
              <input
                type="datetime-local"
                name="until"
                value={custom}
                min={toDatetimeLocal(new Date())}
                onChange={(e) => setCustom(e.target.value)}
              />
            </label>
          )}
        </fieldset>
        <DialogButtons
          confirmTestId="snooze-confirm"
          confirmLabel={t('snooze.confirm')}
          busy={busy}
          error={error}
          disabled={preset === 'custom' && !customValid}
          onCancel={onClose}
        />
      </form>
    </ModalDialog>
  );
}

export function AssignDialog({
  users,
  currentId,
  busy,
  error,
  onConfirm,
  onClose,
}: ActionDialogProps<string | null> & {
  users: UserView[];
  currentId: string | null;
}) {
  const t = useT(conversationMessages);
  const [userId, setUserId] = useState(currentId ?? '');
  return (
    <ModalDialog title={t('assign.title')} onClose={onClose} testId="assign-dialog">
      <form
        className="cv-form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(userId || null);
        }}
      >
        <label>
          {t('assign.person')}
          <select name="user" value={userId} onChange={(e) => setUserId(e.target.value)} autoFocus>
            <option value="">{t('assign.nobody')}</option>
            {users
              .filter((u) => u.role !== 'bot_editor')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({t(`presence.${u.presence}`)})
                </option>
              ))}
          </select>
        </label>
        <DialogButtons confirmTestId="assign-confirm" confirmLabel={t('assign.confirm')} busy={busy} error={error} onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
