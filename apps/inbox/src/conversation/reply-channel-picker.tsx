import type { ReplyOption } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { useChannelName } from './channel-label.tsx';
import { conversationMessages } from './messages.ts';

/** Which of the customer's channels the reply takes: the one they used last unless the agent picks another. */
export function ReplyChannelPicker({
  routes,
  value,
  disabled,
  onChange,
}: {
  routes: ReplyOption[];
  value: string;
  disabled: boolean;
  onChange: (connectionId: string) => void;
}) {
  const t = useT(conversationMessages);
  const channelName = useChannelName();
  if (routes.length === 0) return null;
  return (
    <label className="cv-inline-label">
      {t('composer.via')}
      <select
        data-testid="reply-channel"
        name="via"
        value={value}
        disabled={disabled || routes.length < 2}
        onChange={(e) => onChange(e.target.value)}
      >
        {routes.map((r) => {
          const notes = [
            r.current ? t('via.current') : null,
            r.replyWindow.open ? null : t('via.windowClosed'),
            r.consent?.status === 'withdrawn' ? t('via.optedOut') : null,
          ].filter(Boolean);
          return (
            <option key={r.connectionId} value={r.connectionId}>
              {`${channelName(r.channelType)} · ${r.address}${notes.length ? ` (${notes.join(', ')})` : ''}`}
            </option>
          );
        })}
      </select>
    </label>
  );
}
