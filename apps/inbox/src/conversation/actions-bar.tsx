import { useRef, useState } from 'react';
import type { InboxConversationDetail, MeView, Priority, TeamView, UserView } from '@fio/contracts';
import { api, ApiFailure } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { AssignDialog, ResolveDialog, SnoozeDialog, TransferDialog, type SnoozeChoice, type TransferChoice } from './action-dialogs.tsx';
import type { ConversationPermissions } from './conversation-permissions.ts';
import { conversationMessages } from './messages.ts';
import { TagsEditor } from './tags-editor.tsx';

const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

type Dialog = 'transfer' | 'resolve' | 'snooze' | 'assign' | null;

/**
 * What a person does to the conversation besides writing. Each action is one call; the screen then
 * refetches (the live 'conversation' frame brings the same change to everyone else).
 */
export function ActionsBar({
  detail,
  me,
  can,
  teams,
  users,
  onChanged,
}: {
  detail: InboxConversationDetail;
  me: MeView;
  can: ConversationPermissions;
  teams: TeamView[];
  users: UserView[];
  onChanged: () => Promise<void>;
}) {
  const t = useT(conversationMessages);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const { conversation } = detail;
  const base = `/api/v1/conversations/${encodeURIComponent(conversation.id)}`;

  const run = async (call: () => Promise<unknown>) => {
    // One action at a time. Buttons are not disabled while one runs: a disabled button drops the
    // keyboard focus to the page (and the dialog's opener could not take it back).
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await call();
      setDialog(null);
      await onChanged();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : err instanceof Error ? err.message : String(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  const assign = (userId: string | null) => run(() => api.post(`${base}/assign`, { userId }));
  const transfer = (choice: TransferChoice) => run(() => api.post(`${base}/transfer`, choice));
  const snooze = (choice: SnoozeChoice) => run(() => api.post(`${base}/snooze`, choice));
  const resolve = (askCsat: boolean) => run(() => api.post(`${base}/resolve`, { askCsat }));
  const open = (d: Exclude<Dialog, null>) => {
    setError(null);
    setDialog(d);
  };
  const closeDialog = () => {
    setDialog(null);
    setError(null);
  };
  const snoozed = conversation.snoozedUntil !== null || conversation.snoozedForReply;

  return (
    <div className="cv-actions">
      <div className="cv-actions-row" role="toolbar" aria-label={t('actions.label')} aria-busy={busy}>
        <button type="button" data-testid="action-take" disabled={!can.take} onClick={() => void assign('me')}>
          {t('actions.take')}
        </button>
        {(me.user.role === 'admin' || me.user.role === 'supervisor') && (
          <button type="button" data-testid="action-assign" disabled={!can.assign} onClick={() => open('assign')}>
            {t('actions.assign')}
          </button>
        )}
        <button type="button" data-testid="action-transfer" disabled={!can.transfer} onClick={() => open('transfer')}>
          {t('actions.transfer')}
        </button>
        {snoozed ? (
          <button
            type="button"
            data-testid="action-unsnooze"
            disabled={!can.unsnooze}
            onClick={() => void run(() => api.post(`${base}/unsnooze`))}
          >
            {t('actions.unsnooze')}
          </button>
        ) : (
          <button type="button" data-testid="action-snooze" disabled={!can.snooze} onClick={() => open('snooze')}>
            {t('actions.snooze')}
          </button>
        )}
        <button
          type="button"
          data-testid="action-hand-back"
          disabled={!can.handBack}
          onClick={() => void run(() => api.post(`${base}/hand-back`))}
        >
          {t('actions.handBack')}
        </button>
        {conversation.status === 'resolved' ? (
          <button
            type="button"
            data-testid="action-reopen"
            disabled={!can.reopen}
            onClick={() => void run(() => api.post(`${base}/reopen`))}
          >
            {t('actions.reopen')}
          </button>
        ) : (
          <button type="button" className="cv-primary" data-testid="action-resolve" disabled={!can.resolve} onClick={() => open('resolve')}>
            {t('actions.resolve')}
          </button>
        )}
        <label className="cv-inline-label">
          {t('actions.priority')}
          <select
            data-testid="action-priority"
            name="priority"
            value={conversation.priority}
            disabled={!can.priority}
            onChange={(e) => {
              const priority = priorities.find((p) => p === e.target.value);
              if (priority) void run(() => api.put(`${base}/priority`, { priority }));
            }}
          >
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TagsEditor tags={conversation.tags} disabled={!can.tags} onChange={(tags) => void run(() => api.put(`${base}/tags`, { tags }))} />
      {error && dialog === null && (
        <p role="alert" className="cv-error-text" data-testid="action-error">
          {error}
        </p>
      )}
      {dialog === 'transfer' && (
        <TransferDialog teams={teams} users={users} busy={busy} error={error} onConfirm={(c) => void transfer(c)} onClose={closeDialog} />
      )}
      {dialog === 'resolve' && <ResolveDialog busy={busy} error={error} onConfirm={(a) => void resolve(a)} onClose={closeDialog} />}
      {dialog === 'snooze' && <SnoozeDialog busy={busy} error={error} onConfirm={(c) => void snooze(c)} onClose={closeDialog} />}
      {dialog === 'assign' && (
        <AssignDialog
          users={users}
          currentId={conversation.assigneeId}
          busy={busy}
          error={error}
          onConfirm={(u) => void assign(u)}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
