import { useId, useState } from 'react';
import type { HandoffContextView } from '@fio/contracts';
import { formatDateTime, formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';
import { SentimentSparkline } from './sentiment-sparkline.tsx';

function useReasonText(): (reason: string) => string {
  const t = useT(conversationMessages);
  return (reason) => {
    switch (reason) {
      case 'customer_asked':
      case 'repeated_failure':
      case 'frustration':
      case 'sensitive_data':
      case 'flow':
      case 'slot_attempts':
      case 'action_failed':
        return t(`reason.${reason}`);
      default:
        // A reason this inbox does not know yet (a newer engine) still reads as words.
        return reason.replace(/_/g, ' ');
    }
  };
}

/** Why the bot handed the customer over and what it already knows, so the agent never asks again. */
export function HandoffCard({ handoff }: { handoff: HandoffContextView }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const reasonText = useReasonText();
  // Open where there is room for it beside the thread; folded on short screens (the reason stays visible).
  const [open, setOpen] = useState(() => window.innerHeight >= 700);
  const bodyId = useId();
  const { sentiment } = handoff;
  const sentimentWords = t(`sentiment.${sentiment.trend}`);
  return (
    <section className="cv-handoff" data-testid="handoff-context" aria-label={t('handoff.title')}>
      <div className="cv-handoff-head">
        <h3>
          <button type="button" className="cv-disclosure" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('handoff.title')}
          </button>
        </h3>
        <span className="cv-handoff-reason" data-testid="context-reason">
          {reasonText(handoff.reason)}
        </span>
        <time className="cv-muted" dateTime={handoff.requestedAt} title={formatDateTime(locale, handoff.requestedAt)}>
          {formatRelative(locale, handoff.requestedAt)}
        </time>
      </div>
      <div id={bodyId} hidden={!open} className="cv-handoff-body">
        {handoff.summary.length > 0 && (
          <ul className="cv-handoff-summary" data-testid="context-summary">
            {handoff.summary.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {handoff.note && <p className="cv-handoff-note">{handoff.note}</p>}
        <dl className="cv-handoff-facts">
          {handoff.collected.length > 0 && (
            <div data-testid="context-collected">
              <dt>{t('handoff.collected')}</dt>
              <dd>
                <dl className="cv-collected">
                  {handoff.collected.map((c) => (
                    <div key={c.name}>
                      <dt>{c.name}</dt>
                      <dd>{c.display}</dd>
                    </div>
                  ))}
                </dl>
              </dd>
            </div>
          )}
          {handoff.intentsTried.length > 0 && (
            <div data-testid="context-intents">
              <dt>{t('handoff.intents')}</dt>
              <dd>
                <ul className="cv-chips">
                  {handoff.intentsTried.map((intent) => (
                    <li key={intent} className="cv-chip">
                      {intent}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div data-testid="context-sentiment" data-trend={sentiment.trend}>
            <dt>{t('handoff.sentiment')}</dt>
            <dd className="cv-sentiment">
              <SentimentSparkline series={sentiment.series} label={t('handoff.sparkline', { trend: sentimentWords })} />
              <span>
                {sentimentWords}
                {sentiment.frustration >= 0.5 ? ` · ${t('sentiment.frustrated')}` : ''}
              </span>
            </dd>
          </div>
          {handoff.segments.length > 0 && (
            <div>
              <dt>{t('handoff.segments')}</dt>
              <dd>{handoff.segments.join(', ')}</dd>
            </div>
          )}
          {(handoff.team || handoff.flow) && (
            <div>
              <dt>{t('handoff.route')}</dt>
              <dd>
                {[
                  handoff.team ? t('handoff.team', { team: handoff.team }) : null,
                  handoff.flow ? t('handoff.flow', { flow: handoff.flow.id, step: handoff.flow.step }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </dd>
            </div>
          )}
          {handoff.expectedAnswerAt && (
            <div>
              <dt>{t('handoff.expected')}</dt>
              <dd>
                <time dateTime={handoff.expectedAnswerAt}>{formatDateTime(locale, handoff.expectedAnswerAt)}</time>
              </dd>
            </div>
          )}
        </dl>
      </div>
    </section>
  );
}
