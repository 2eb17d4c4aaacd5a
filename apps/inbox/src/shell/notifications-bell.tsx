import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { formatRelative, useLocale, useT } from '../i18n/i18n.ts';
import { useLiveEvents } from '../live/live.ts';
import { navigate } from '../router.ts';
import { shellMessages } from './messages.ts';

/** GET /api/v1/notifications items (the server's NotificationView). */
interface NotificationItem {
  id: string;
  kind: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const textOf = (payload: Record<string, unknown>, key: string): string | null => {
  const value = payload[key];
  return typeof value === 'string' && value ? value : null;
};

/** The bell: unread count, the latest notifications in a disclosure, a spoken toast for each live mention. */
export function NotificationsBell() {
  const t = useT(shellMessages);
  const { locale } = useLocale();
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api
      .get<{ data: NotificationItem[] }>('/api/v1/notifications?limit=20')
      .then((page) => setItems(page.data))
      .catch(() => undefined); // The bell stays empty; nothing else depends on it.
  }, []);
  useEffect(load, [load]);
  useLiveEvents((event) => {
    if (event.kind === 'mention') {
      setToast(t('mentionToast', { author: event.note.authorName, text: event.note.text.slice(0, 140) }));
      load();
    } else if (event.kind === 'sla') load();
  }, load);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 8000);
    return () => clearTimeout(timer);
  }, [toast]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (e.target instanceof Node && !wrapper.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const unread = items.filter((n) => !n.readAt).length;
  const describe = (n: NotificationItem) => {
    switch (n.kind) {
      case 'mention':
        return t('kind_mention', { author: textOf(n.payload, 'authorName') ?? t('someone') });
      case 'assigned':
        return t('kind_assigned');
      case 'sla_warning':
        return t('kind_sla_warning');
      case 'sla_breached':
        return t('kind_sla_breached');
      default:
        return t('kind_other');
    }
  };
  const openItem = (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) {
      setItems((all) => all.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      api.post(`/api/v1/notifications/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
    }
    if (n.conversationId) navigate(`/inbox/c/${encodeURIComponent(n.conversationId)}`);
  };

  return (
    <div className="bell" ref={wrapper}>
      <button
        type="button"
        className="bell-button"
        data-testid="notifications"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={unread ? t('notificationsUnread', { count: unread }) : t('notifications')}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread ? (
          <span className="bell-count" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
      <div id="notifications-panel" className="bell-panel" hidden={!open}>
        {items.length === 0 ? (
          <p className="muted">{t('noNotifications')}</p>
        ) : (
          <ul>
            {items.map((n) => (
              <li key={n.id}>
                <button type="button" className={n.readAt ? 'bell-item' : 'bell-item bell-unread'} onClick={() => openItem(n)}>
                  <span className="bell-item-title">{describe(n)}</span>
                  {textOf(n.payload, 'text') ? <span className="bell-item-text">{textOf(n.payload, 'text')}</span> : null}
                  <time dateTime={n.createdAt}>{formatRelative(locale, n.createdAt)}</time>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="toast-region" aria-live="polite" role="status">
        {toast ? <p className="toast">{toast}</p> : null}
      </div>
    </div>
  );
}
