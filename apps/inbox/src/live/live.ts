import { useEffect, useRef } from 'react';
import { inboxServerFrameSchema, type InboxClientFrame, type InboxEvent } from '@fio/contracts';

type Listener = (event: InboxEvent) => void;
type ResyncListener = () => void;

/**
 * The one live connection of the inbox to /ws/inbox: reconnects with backoff and gives the server
 * the cursor of the last frame seen, so nothing is missed; when the server cannot replay the gap it
 * says resync and every screen refetches.
 */
export class LiveConnection {
  private ws: WebSocket | null = null;
  private cursor: string | undefined;
  private listeners = new Set<Listener>();
  private resyncListeners = new Set<ResyncListener>();
  private statusListeners = new Set<(connected: boolean) => void>();
  private attempts = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  connected = false;

  constructor(private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/inbox`) {}

  start(): void {
    this.closed = false;
    this.open();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ws?.close();
    this.ws = null;
  }

  send(frame: InboxClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onResync(listener: ResyncListener): () => void {
    this.resyncListeners.add(listener);
    return () => void this.resyncListeners.delete(listener);
  }

  onStatus(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    for (const l of this.statusListeners) l(connected);
  }

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempts = 0;
      ws.send(JSON.stringify({ type: 'hello', ...(this.cursor ? { since: this.cursor } : {}) } satisfies InboxClientFrame));
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), 25_000);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const parsed = inboxServerFrameSchema.safeParse(JSON.parse(e.data));
      if (!parsed.success) return;
      const frame = parsed.data;
      switch (frame.type) {
        case 'welcome':
          this.cursor = frame.cursor;
          this.setConnected(true);
          for (const p of frame.presence) for (const l of this.listeners) l({ kind: 'presence', userId: p.userId, presence: p.presence });
          if (frame.resync) for (const l of this.resyncListeners) l();
          break;
        case 'event':
          this.cursor = frame.cursor;
          for (const l of this.listeners) l(frame.event);
          break;
        case 'error':
        case 'pong':
          break;
      }
    };
    ws.onclose = () => {
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.setConnected(false);
      if (this.closed) return;
      const delay = Math.min(10_000, 250 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }
}

export const live = new LiveConnection();

/** Calls `listener` for every live event while the component is mounted (latest listener wins). */
export function useLiveEvents(listener: Listener, onResync?: ResyncListener): void {
  const ref = useRef(listener);
  const resyncRef = useRef(onResync);
  ref.current = listener;
  resyncRef.current = onResync;
  useEffect(() => {
    const off = live.on((e) => ref.current(e));
    const offResync = live.onResync(() => resyncRef.current?.());
    return () => {
      off();
      offResync();
    };
  }, []);
}
