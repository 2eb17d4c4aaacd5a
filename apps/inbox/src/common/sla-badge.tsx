import type { SlaSummary } from '@fio/contracts';
import { formatDateTime, formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { commonMessages } from './messages.ts';

/** The SLA state in words (never colour alone) with its due time; nothing when no SLA runs. */
export function SlaBadge({ sla, now }: { sla: SlaSummary; now: number }) {
  const t = useT(commonMessages);
  const { locale } = useLocale();
  if (sla.state === 'none') return null;
  const label = sla.state === 'breached' ? t('slaBreached') : sla.state === 'warning' ? t('slaWarning') : t('slaOk');
  const due = sla.dueAt ? t(Date.parse(sla.dueAt) < now ? 'slaWasDue' : 'slaDue', { time: formatRelative(locale, sla.dueAt, now) }) : null;
  return (
    <span
      className={`sla-badge sla-${sla.state}`}
      data-testid="sla-badge"
      data-state={sla.state}
      title={sla.dueAt ? formatDateTime(locale, sla.dueAt) : undefined}
    >
      <span aria-hidden="true">{sla.state === 'breached' ? '✖' : sla.state === 'warning' ? '⚠' : '◷'}</span> {label}
      {due ? <span className="sla-due"> · {due}</span> : null}
    </span>
  );
}
