import { useLiveStatus } from '../live/live.ts';
import { useT } from '../i18n/i18n.ts';
import { shellMessages } from './messages.ts';

export function LiveStatus() {
  const t = useT(shellMessages);
  const connected = useLiveStatus();
  return (
    <span
      className={`live-status ${connected ? 'live-on' : 'live-off'}`}
      data-testid="live-status"
      data-connected={connected ? 'true' : 'false'}
      role="status"
      aria-label={connected ? t('liveOnLabel') : t('liveOffLabel')}
    >
      <span className="live-dot" aria-hidden="true" />
      {connected ? t('liveOn') : t('liveOff')}
    </span>
  );
}
