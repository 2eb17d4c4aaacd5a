import { useEffect, useRef, useSyncExternalStore } from 'react';
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
    // Started twice (React's StrictMode runs effects twice): keep the one connection.
    if (this.ws && !this.closed) return;
    this.closed = false;
    if (this.timer) clearTimeout(this.timer);
    this.open();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.ws?.close();
    this.ws = null;
    this.cursor = undefined;
    this.setConnected(false);
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
      if (this.pingTimer) clearInterval(this.pingTimer);
      ws.send(JSON.stringify({ type: 'hello', ...(this.cursor ? { since: this.cursor } : {}) } satisfies InboxClientFrame));
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), 25_000);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      if (this.ws !== ws) return;
      let data: unknown;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      const parsed = inboxServerFrameSchema.safeParse(data);
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
      // A socket replaced by stop()/start() must not reconnect or flip the status of its successor.
      if (this.ws !== ws) return;
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

/** Whether the live connection is up (the sidebar's indicator; screens may say their data is not live). */
export function useLiveStatus(): boolean {
  return useSyncExternalStore(
    (onChange) => live.onStatus(onChange),
    () => live.connected,
  );
}
