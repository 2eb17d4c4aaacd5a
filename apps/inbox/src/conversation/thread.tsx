import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { InboxMessage, NoteView } from '@fio/contracts';
import { formatDateTime, useLocale, useT } from '../i18n/i18n.ts';
import { buildThreadItems, localDayOf } from './build-thread-items.ts';
import { MessageItem } from './message-item.tsx';
import { conversationMessages } from './messages.ts';
import { NoteItem } from './note-item.tsx';

interface ThreadProps {
  messages: InboxMessage[];
  notes: NoteView[];
  hasEarlier: boolean;
  onLoadEarlier: () => Promise<void>;
  contactName: string;
  contactTyping: boolean;
  /** The thread is shown down to this message (visible, scrolled to the bottom): mark it read. */
  onSeen: (seq: number) => void;
}

/** Within this many pixels of the end counts as "at the bottom" (new messages then scroll into view). */
const bottomSlack = 48;

function DaySeparator({ at }: { at: string }) {
  const t = useT(conversationMessages);
  const { locale } = useLocale();
  const today = localDayOf(new Date().toISOString());
  const yesterday = localDayOf(new Date(Date.now() - 86_400_000).toISOString());
  const day = localDayOf(at);
  const label = day === today ? t('day.today') : day === yesterday ? t('day.yesterday') : formatDateTime(locale, at, { dateStyle: 'full' });
  return (
    <li className="cv-day" role="separator" aria-label={label}>
      <span>{label}</span>
    </li>
  );
}

export function Thread({ messages, notes, hasEarlier, onLoadEarlier, contactName, contactTyping, onSeen }: ThreadProps) {
  const t = useT(conversationMessages);
  const items = useMemo(() => buildThreadItems(messages, notes), [messages, notes]);
  const scroller = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** Distance from the end before older messages were prepended, so the view does not jump. */
  const restoreFromEnd = useRef<number | null>(null);
  const lastKey = useRef<string | null>(null);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  const scrollToEnd = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (restoreFromEnd.current !== null) {
      el.scrollTop = el.scrollHeight - restoreFromEnd.current;
      restoreFromEnd.current = null;
      return;
    }
    const last = items.at(-1);
    const grew = last !== undefined && last.key !== lastKey.current;
    const first = lastKey.current === null;
    lastKey.current = last?.key ?? null;
    if (!grew) return;
    if (first || atBottomRef.current) scrollToEnd();
    else setUnseen((n) => n + 1);
    if (!first && last.kind === 'message' && last.message.direction === 'inbound') {
      setAnnouncement(t('thread.newFrom', { name: contactName, text: last.message.text.slice(0, 140) }));
    } else if (!first && last.kind === 'note') {
      setAnnouncement(t('thread.newNote', { name: last.note.authorName }));
    }
  }, [items, scrollToEnd, t, contactName]);

  // Media load late and change the height: stay at the bottom when already there.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const list = el.firstElementChild;
    const observer = new ResizeObserver(() => {
      if (atBottomRef.current) scrollToEnd();
    });
    if (list) observer.observe(list);
    return () => observer.disconnect();
  }, [scrollToEnd]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < bottomSlack;
    atBottomRef.current = bottom;
    setAtBottom(bottom);
    if (bottom) setUnseen(0);
  };

  useEffect(() => {
    const report = () => {
      if (atBottom && document.visibilityState === 'visible' && lastSeq > 0) onSeen(lastSeq);
    };
    report();
    document.addEventListener('visibilitychange', report);
    return () => document.removeEventListener('visibilitychange', report);
  }, [atBottom, lastSeq, onSeen]);

  const loadEarlier = async () => {
    const el = scroller.current;
    setLoadingEarlier(true);
    setEarlierError(null);
    try {
      if (el) restoreFromEnd.current = el.scrollHeight - el.scrollTop;
      await onLoadEarlier();
    } catch (err) {
      restoreFromEnd.current = null;
      setEarlierError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoadingEarlier(false);
    }
  };

  return (
    <div className="cv-thread-wrap">
      <div
        className="cv-thread"
        ref={scroller}
        onScroll={onScroll}
        data-testid="thread"
        tabIndex={0}
        aria-label={t('thread.label')}
        role="region"
      >
        <ol className="cv-thread-list">
          {hasEarlier && (
            <li className="cv-earlier">
              <button type="button" onClick={() => void loadEarlier()} disabled={loadingEarlier} data-testid="load-earlier">
                {loadingEarlier ? t('thread.loadingEarlier') : t('thread.loadEarlier')}
              </button>
              {earlierError && (
                <span role="alert" className="cv-error-text">
                  {earlierError}
                </span>
              )}
            </li>
          )}
          {items.length === 0 && <li className="cv-muted cv-empty">{t('thread.empty')}</li>}
          {items.map((item) => {
            switch (item.kind) {
              case 'day':
                return <DaySeparator key={item.key} at={item.at} />;
              case 'message':
                return <MessageItem key={item.key} message={item.message} contactName={contactName} />;
              case 'note':
                return <NoteItem key={item.key} note={item.note} />;
            }
          })}
        </ol>
      </div>
      {contactTyping && (
        <p className="cv-typing" data-testid="contact-typing">
          {t('thread.typing', { name: contactName })}
        </p>
      )}
      {unseen > 0 && !atBottom && (
        <button
          type="button"
          className="cv-jump"
          onClick={() => {
            scrollToEnd();
            setUnseen(0);
          }}
        >
          {t('thread.jump', { count: unseen })}
        </button>
      )}
      <p className="cv-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
