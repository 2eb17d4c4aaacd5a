import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type {
  CannedResponseView,
  Content,
  InboxConversationDetail,
  InboxMessage,
  MeView,
  MessageView,
  NoteView,
  ReplyOption,
  UserView,
} from '@fio/contracts';
import { api, ApiFailure, query } from '../api/client.ts';
import { useT } from '../i18n/i18n.ts';
import { AttachmentList, type Attachment } from './attachment-list.tsx';
import { findFirstMissing, insertMention, mentionHandleOf, readCannedQuery, readMentionQuery } from './composer-triggers.ts';
import type { ConversationPermissions } from './conversation-permissions.ts';
import { conversationMessages } from './messages.ts';
import { ReplyChannelPicker } from './reply-channel-picker.tsx';
import { SuggestionMenu } from './suggestion-menu.tsx';
import { TemplatePicker, type TemplateSend } from './template-picker.tsx';
import { uploadAttachment } from './upload-attachment.ts';
import { useResource } from './use-resource.ts';
import { useTypingSignal } from './use-typing-signal.ts';

type Mode = 'reply' | 'note';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Case- and accent-blind prefix match for mention suggestions. */
function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Where an agent writes: a reply to the customer (on the channel they used last, or another of
 * theirs) or a private note for colleagues. "/" opens canned responses, "@" in a note suggests
 * people, Enter sends and Shift+Enter breaks the line. Outside a closed reply window free text is
 * off and the approved templates are offered instead.
 */
export function Composer({
  detail,
  me,
  users,
  can,
  onSent,
  onNote,
}: {
  detail: InboxConversationDetail;
  me: MeView;
  users: UserView[];
  can: ConversationPermissions;
  onSent: (messages: InboxMessage[]) => void;
  onNote: (note: NoteView) => void;
}) {
  const t = useT(conversationMessages);
  const conversationId = detail.conversation.id;
  const base = `/api/v1/conversations/${encodeURIComponent(conversationId)}`;
  const menuId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [via, setVia] = useState('');
  const [menuDismissed, setMenuDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const [canned, setCanned] = useState<CannedResponseView[]>([]);
  const [cannedPending, setCannedPending] = useState(false);
  const typing = useTypingSignal(conversationId);
  const [options, reloadOptions] = useResource<{ data: ReplyOption[] }>(`${base}/reply-options`);
  // The customer wrote on another channel, or a window opened or closed: the routes changed, and the
  // default goes back to the channel they used last.
  const routeKey = `${detail.conversation.replyConnectionId ?? ''}|${detail.conversation.channelType ?? ''}|${detail.replyWindow.open}`;
  const seenRouteKey = useRef(routeKey);
  useEffect(() => {
    if (seenRouteKey.current === routeKey) return;
    seenRouteKey.current = routeKey;
    setVia('');
    reloadOptions();
  }, [routeKey, reloadOptions]);

  // ---- where the reply goes, and whether free text may go there now ----
  const routes = options.state === 'ready' ? options.data.data : [];
  const current = routes.find((r) => r.current);
  const picked = routes.find((r) => r.connectionId === via && !r.current);
  const replyWindow = picked ? { ...picked.replyWindow, templates: false } : detail.replyWindow;
  const windowClosed = mode === 'reply' && !replyWindow.open;
  const offerTemplates = windowClosed && !picked && detail.replyWindow.templates && can.reply;
  const optedOut = (picked ?? current)?.consent?.status === 'withdrawn';
  const allowed = mode === 'reply' ? can.reply : can.note;

  // ---- "/" canned responses and "@" mentions ----
  const cannedQuery = readCannedQuery(text);
  const mention = mode === 'note' ? readMentionQuery(text, caret) : null;
  const mentionItems = mention
    ? users
        .filter(
          (u) =>
            foldText(u.name).startsWith(foldText(mention.query)) || foldText(mentionHandleOf(u.email)).startsWith(foldText(mention.query)),
        )
        .slice(0, 8)
    : [];
  const cannedOpen = cannedQuery !== null && !menuDismissed && canned.length > 0;
  const mentionOpen = mention !== null && !menuDismissed && mentionItems.length > 0;
  const menuLength = cannedOpen ? canned.length : mentionOpen ? mentionItems.length : 0;

  useEffect(() => {
    if (cannedQuery === null) {
      setCanned([]);
      setCannedPending(false);
      return;
    }
    setCannedPending(true);
    const ac = new AbortController();
    const timer = setTimeout(() => {
      api.get<{ data: CannedResponseView[] }>(`/api/v1/canned-responses${query({ q: cannedQuery, limit: 8 })}`, { signal: ac.signal }).then(
        (page) => {
          setCanned(page.data);
          setActive(0);
          setCannedPending(false);
        },
        () => {
          if (ac.signal.aborted) return;
          setCanned([]);
          setCannedPending(false);
        },
      );
    }, 120);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [cannedQuery]);

  const focusInput = (selection?: { start: number; end: number }) =>
    requestAnimationFrame(() => {
      const el = textarea.current;
      if (!el) return;
      el.focus();
      if (selection) el.setSelectionRange(selection.start, selection.end);
    });

  const pickCanned = async (item: CannedResponseView) => {
    setCanned([]);
    try {
      const rendered = await api.post<{ text: string; missing?: string[] }>(
        `${base}/canned-responses/${encodeURIComponent(item.id)}/render`,
      );
      const gaps = rendered.missing ?? [];
      setText(rendered.text);
      setMissing(gaps);
      focusInput(findFirstMissing(rendered.text, gaps) ?? { start: rendered.text.length, end: rendered.text.length });
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const pickMention = (user: UserView) => {
    if (!mention) return;
    const next = insertMention(text, mention.start, caret, mentionHandleOf(user.email));
    setText(next.text);
    setCaret(next.caret);
    focusInput({ start: next.caret, end: next.caret });
  };

  // ---- sending ----
  const sendContent = async (content: Content | TemplateSend) => {
    const body = { content, ...(picked ? { via: { connectionId: picked.connectionId } } : {}) };
    const answer = await api.post<{ data: MessageView[] }>(`${base}/messages`, body);
    onSent(answer.data.map((m) => ({ ...m, authorId: me.user.id, authorName: me.user.name })));
  };

  const send = async () => {
    if (busy || !allowed) return;
    const body = text.trim();
    setError(null);
    if (mode === 'note') {
      if (!body) return;
      setBusy(true);
      try {
        onNote(await api.post<NoteView>(`${base}/notes`, { text: body }));
        setText('');
      } catch (err) {
        setError(messageOf(err));
      } finally {
        setBusy(false);
      }
      return;
    }
    const ready = attachments.filter((a) => a.content !== undefined);
    if (windowClosed || (!body && ready.length === 0) || attachments.some((a) => a.uploading)) return;
    setBusy(true);
    typing.stopped();
    try {
      // One file with words: the words are its caption (one message); otherwise files first, then the text.
      const [only] = ready;
      if (ready.length === 1 && only?.content?.kind === 'media' && body) {
        await sendContent({ ...only.content, caption: body });
      } else {
        for (const a of ready) {
          if (a.content) await sendContent(a.content);
          setAttachments((prev) => prev.filter((x) => x.key !== a.key));
        }
        if (body) await sendContent({ kind: 'text', text: body });
      }
      setText('');
      setMissing([]);
      setAttachments([]);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : messageOf(err));
    } finally {
      setBusy(false);
      focusInput();
    }
  };

  const sendTemplate = async (content: TemplateSend) => {
    setBusy(true);
    setError(null);
    try {
      await sendContent(content);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const attach = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setAttachments((prev) => [...prev, { key, name: file.name, uploading: true }]);
      uploadAttachment(conversationId, file, me.csrfToken).then(
        (content) => setAttachments((prev) => prev.map((a) => (a.key === key ? { ...a, uploading: false, content } : a))),
        (err: unknown) =>
          setAttachments((prev) => prev.map((a) => (a.key === key ? { ...a, uploading: false, error: messageOf(err) } : a))),
      );
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (menuLength > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : menuLength - 1)) % menuLength);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        const i = Math.min(active, menuLength - 1);
        if (cannedOpen) {
          const item = canned[i];
          if (item) void pickCanned(item);
        } else {
          const user = mentionItems[i];
          if (user) pickMention(user);
        }
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMenuDismissed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      // "/word" while its canned-response search is still on the way is not a message yet.
      if (cannedPending && !menuDismissed) return;
      void send();
    }
  };

  const placeholder = !allowed
    ? me.user.role !== 'bot_editor' && detail.conversation.status === 'resolved'
      ? t('composer.resolved')
      : t('composer.readOnly')
    : windowClosed
      ? t('composer.windowClosedPlaceholder')
      : mode === 'note'
        ? t('composer.notePlaceholder')
        : t('composer.replyPlaceholder');

  return (
    <section className={mode === 'note' ? 'cv-composer cv-composer-note' : 'cv-composer'} aria-label={t('composer.label')}>
      <div className="cv-composer-top">
        <div className="cv-modes" role="group" aria-label={t('composer.mode')}>
          <button type="button" data-testid="mode-reply" aria-pressed={mode === 'reply'} onClick={() => setMode('reply')}>
            {t('composer.modeReply')}
          </button>
          <button type="button" data-testid="mode-note" aria-pressed={mode === 'note'} onClick={() => setMode('note')}>
            {t('composer.modeNote')}
          </button>
        </div>
        {mode === 'reply' && (
          <ReplyChannelPicker
            routes={routes}
            value={picked?.connectionId ?? current?.connectionId ?? ''}
            onChange={setVia}
            disabled={!can.reply}
          />
        )}
        {mode === 'note' && <span className="cv-note-badge">{t('note.badge')}</span>}
      </div>
      {windowClosed && (
        <p className="cv-window-closed" data-testid="window-closed" role="status">
          {t('composer.windowClosed')}
          {replyWindow.reason ? ` ${replyWindow.reason}` : ''}
        </p>
      )}
      {mode === 'reply' && optedOut && (
        <p className="cv-warning" role="status">
          {t('composer.optedOut')}
        </p>
      )}
      <div className="cv-input-wrap">
        <textarea
          ref={textarea}
          data-testid="composer-input"
          name="message"
          rows={2}
          value={text}
          disabled={!allowed || windowClosed}
          placeholder={placeholder}
          aria-label={mode === 'note' ? t('composer.noteLabel') : t('composer.replyLabel')}
          aria-controls={menuLength > 0 ? menuId : undefined}
          aria-activedescendant={menuLength > 0 ? `${menuId}-${Math.min(active, menuLength - 1)}` : undefined}
          aria-autocomplete="list"
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setMenuDismissed(false);
            if (missing.length > 0) setMissing((m) => m.filter((name) => e.target.value.includes(name)));
            if (mode === 'reply') typing.typed();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => typing.stopped()}
        />
        {cannedOpen && (
          <SuggestionMenu
            id={menuId}
            label={t('canned.label')}
            items={canned}
            active={Math.min(active, canned.length - 1)}
            testId="canned-menu"
            optionTestId="canned-option"
            itemKey={(c) => c.id}
            render={(c) => (
              <>
                <strong>/{c.shortcut}</strong> {c.title}
                <span className="cv-menu-preview">{c.body}</span>
              </>
            )}
            onPick={(c) => void pickCanned(c)}
          />
        )}
        {mentionOpen && (
          <SuggestionMenu
            id={menuId}
            label={t('mention.label')}
            items={mentionItems}
            active={Math.min(active, mentionItems.length - 1)}
            testId="mention-menu"
            optionTestId="mention-option"
            itemKey={(u) => u.id}
            render={(u) => (
              <>
                <strong>{u.name}</strong> <span className="cv-muted">@{mentionHandleOf(u.email)}</span>
              </>
            )}
            onPick={pickMention}
          />
        )}
      </div>
      {missing.length > 0 && (
        <p className="cv-warning" data-testid="canned-missing" role="status">
          {t('canned.missing')}{' '}
          {missing.map((name) => (
            <mark key={name} className="cv-missing">
              {name.startsWith('{{') ? name : `{{${name}}}`}
            </mark>
          ))}
        </p>
      )}
      <AttachmentList attachments={attachments} onRemove={(key) => setAttachments((prev) => prev.filter((a) => a.key !== key))} />
      <div className="cv-composer-bottom">
        {mode === 'reply' && (
          <label className="cv-attach">
            {t('composer.attach')}
            <input
              type="file"
              data-testid="attach"
              multiple
              disabled={!allowed || windowClosed}
              onChange={(e) => {
                attach(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
        )}
        <span className="cv-muted cv-small">{t('composer.hint')}</span>
        <button
          type="button"
          className="cv-primary"
          data-testid="send"
          disabled={!allowed || busy || (mode === 'reply' && windowClosed)}
          onClick={() => void send()}
        >
          {mode === 'note' ? t('composer.saveNote') : t('composer.send')}
        </button>
      </div>
      {error && (
        <p className="cv-error-text" role="alert" data-testid="composer-error">
          {error}
        </p>
      )}
      {offerTemplates && <TemplatePicker conversationId={conversationId} busy={busy} onSend={(c) => void sendTemplate(c)} />}
    </section>
  );
}
