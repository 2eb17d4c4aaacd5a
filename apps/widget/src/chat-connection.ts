import type { ClientFrame, ServerFrame } from '@fio/contracts';
import { computeBackoff } from './compute-backoff.ts';
import { parseServerFrame } from './parse-server-frame.ts';

/**
 * One visitor session over /ws: says hello on every (re)connect, reconnects with jittered back-off,
 * pings to keep proxies from idling the socket out and drops a socket that went silent.
 * It knows nothing of messages or the DOM; the socket and timers are injected so tests drive it.
 */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}
export interface SocketHandle {
  send(data: string): void;
  close(): void;
}
export type OpenSocket = (url: string, handlers: SocketHandlers) => SocketHandle;

export type ConnectionState = 'connecting' | 'online' | 'reconnecting';

export interface ChatConnectionOptions {
  url: string;
  openSocket: OpenSocket;
  /** Built at each connect, so it carries the latest identity and afterSeq. */
  buildHello: () => ClientFrame;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: ConnectionState) => void;
  random?: () => number;
  now?: () => number;
  pingIntervalMs?: number;
}

export interface ChatConnection {
  start(): void;
  /** Sends when a welcome has been received on the current socket; false means "queue it". */
  send(frame: ClientFrame): boolean;
  /** New hello now (identity changed, or the browser came back online). */
  reconnectNow(): void;
  stop(): void;
}

export function createChatConnection(options: ChatConnectionOptions): ChatConnection {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const pingIntervalMs = options.pingIntervalMs ?? 25_000;
  let socket: SocketHandle | null = null;
  let online = false;
  let stopped = true;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastFrameAt = 0;

  function clearTimers(): void {
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    retryTimer = undefined;
    pingTimer = undefined;
  }

  function drop(): void {
    const current = socket;
    socket = null;
    online = false;
    clearTimers();
    current?.close();
  }

  function scheduleReconnect(): void {
    drop();
    if (stopped) return;
    options.onState('reconnecting');
    retryTimer = setTimeout(connect, computeBackoff(attempt++, random));
  }

  function checkAlive(): void {
    if (now() - lastFrameAt > pingIntervalMs * 2.5) scheduleReconnect();
    else socket?.send(JSON.stringify({ type: 'ping' }));
  }

  function connect(): void {
    drop();
    if (stopped) return;
    if (attempt === 0) options.onState('connecting');
    // Handlers of a replaced socket are ignored (`socket !== handle`), also if the seam calls them early.
    let handle: SocketHandle | null = null;
    const handlers: SocketHandlers = {
      onOpen() {
        if (!handle || socket !== handle) return;
        lastFrameAt = now();
        handle.send(JSON.stringify(options.buildHello()));
        pingTimer = setInterval(checkAlive, pingIntervalMs);
      },
      onMessage(data) {
        if (!handle || socket !== handle) return;
        lastFrameAt = now();
        const frame = parseServerFrame(data);
        if (!frame) return;
        if (frame.type === 'welcome') {
          // Back-off resets only on welcome: a server that accepts and then closes must not cause a hot loop.
          attempt = 0;
          online = true;
          options.onState('online');
        }
        options.onFrame(frame);
      },
      onClose() {
        if (handle && socket === handle) scheduleReconnect();
      },
    };
    try {
      handle = options.openSocket(options.url, handlers);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = handle;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      connect();
    },
    send(frame) {
      if (!online || !socket) return false;
      socket.send(JSON.stringify(frame));
      return true;
    },
    reconnectNow() {
      if (stopped) return;
      attempt = 0;
      connect();
    },
    stop() {
      stopped = true;
      drop();
    },
  };
}

/** The browser's WebSocket behind the injected seam. */
export const openBrowserSocket: OpenSocket = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event) => handlers.onMessage(event.data);
  ws.onclose = () => handlers.onClose();
  return {
    send(data) {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    close() {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close();
    },
  };
};
