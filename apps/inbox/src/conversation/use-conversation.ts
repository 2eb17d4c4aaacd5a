import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { InboxConversationDetail, InboxMessage } from '@fio/contracts';
import { api, ApiFailure, query } from '../api/client.ts';
import { useLiveEvents } from '../live/live.ts';
import { conversationReducer, initialConversationState, type ConversationState } from './conversation-reducer.ts';

/** A page back in the thread; the server answers a plain page or says outright whether more exist. */
interface EarlierPage {
  data: InboxMessage[];
  hasEarlier?: boolean;
  nextCursor?: string | null;
}

const earlierPageSize = 50;
/** The customer's typing indicator turns itself off if the "off" frame never comes. */
const typingTimeoutMs = 8_000;

export interface ConversationHandle {
  state: ConversationState;
  reload: () => Promise<void>;
  loadEarlier: () => Promise<void>;
  addSent: (messages: InboxMessage[]) => void;
  addNote: (note: InboxConversationDetail['notes'][number]) => void;
}

export function detailPath(conversationId: string): string {
  return `/api/v1/inbox/conversations/${encodeURIComponent(conversationId)}`;
}

/** Loads the conversation screen's detail and keeps it current with the live frames; on resync it refetches. */
export function useConversation(conversationId: string): ConversationHandle {
  const [state, dispatch] = useReducer(conversationReducer, initialConversationState);
  const controller = useRef<AbortController | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(async () => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    dispatch({ type: 'loading' });
    try {
      const detail = await api.get<InboxConversationDetail>(detailPath(conversationId), { signal: ac.signal });
      if (!ac.signal.aborted) dispatch({ type: 'loaded', detail });
    } catch (err) {
      if (ac.signal.aborted) return;
      if (err instanceof ApiFailure) dispatch({ type: 'failed', code: err.code, message: err.message });
      else dispatch({ type: 'failed', code: 'network', message: err instanceof Error ? err.message : String(err) });
    }
  }, [conversationId]);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  useEffect(
    () => () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
    },
    [],
  );

  const stateRef = useRef(state);
  stateRef.current = state;

  const loadEarlier = useCallback(async () => {
    const first = stateRef.current.detail?.messages[0];
    if (!first) return;
    const page = await api.get<EarlierPage>(
      `${detailPath(conversationId)}/messages${query({ beforeSeq: first.seq, limit: earlierPageSize })}`,
    );
    const hasEarlier = page.hasEarlier ?? (page.nextCursor !== undefined ? page.nextCursor !== null : page.data.length >= earlierPageSize);
    dispatch({ type: 'earlier', messages: page.data, hasEarlier });
  }, [conversationId]);

  useLiveEvents(
    (event) => {
      dispatch({ type: 'live', event });
      if (event.kind === 'typing' && event.who === 'contact' && event.conversationId === conversationId) {
        if (typingTimer.current) clearTimeout(typingTimer.current);
        if (event.on) typingTimer.current = setTimeout(() => dispatch({ type: 'typing_off' }), typingTimeoutMs);
      }
      // A customer's message may reopen a closed reply window: the window comes with the detail.
      if (
        event.kind === 'message' &&
        event.conversationId === conversationId &&
        event.message.author === 'contact' &&
        stateRef.current.detail?.replyWindow.open === false
      ) {
        void reload();
      }
    },
    () => void reload(),
  );

  const addSent = useCallback((messages: InboxMessage[]) => dispatch({ type: 'sent', messages }), []);
  const addNote = useCallback((note: InboxConversationDetail['notes'][number]) => dispatch({ type: 'note_added', note }), []);
  return { state, reload, loadEarlier, addSent, addNote };
}
