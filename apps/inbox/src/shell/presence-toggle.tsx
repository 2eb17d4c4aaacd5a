import { useEffect, useRef, useState } from 'react';
import type { MeView } from '@fio/contracts';
import { live, useLiveEvents, useLiveStatus } from '../live/live.ts';
import { useT } from '../i18n/i18n.ts';
import { shellMessages } from './messages.ts';

/** Online ⇄ away over the live connection (assignment skips people who are away). */
export function PresenceToggle({ me }: { me: MeView }) {
  const t = useT(shellMessages);
  const [presence, setPresence] = useState<'online' | 'away'>(me.user.presence === 'away' ? 'away' : 'online');
  useLiveEvents((event) => {
    if (event.kind === 'presence' && event.userId === me.user.id && event.presence !== 'offline') setPresence(event.presence);
  });
  // Each (re)connection tells the server what the toggle shows: signing in means being available
  // unless the person had stepped away.
  const connected = useLiveStatus();
  const current = useRef(presence);
  current.current = presence;
  useEffect(() => {
    if (connected) live.send({ type: 'presence', presence: current.current });
  }, [connected]);
  const next = presence === 'online' ? 'away' : 'online';
  const state = presence === 'online' ? t('online') : t('away');
  return (
    <button
      type="button"
      className={`presence-toggle presence-${presence}`}
      data-testid="presence-toggle"
      data-presence={presence}
      aria-pressed={presence === 'online'}
      aria-label={t('presenceLabel', { state })}
      onClick={() => {
        live.send({ type: 'presence', presence: next });
        setPresence(next);
      }}
    >
      <span className="presence-dot" aria-hidden="true" />
      {state}
    </button>
  );
}
