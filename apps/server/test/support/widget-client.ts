import WebSocket from 'ws';
import type { ServerFrame } from '@fio/contracts';

/** A widget speaking the /ws protocol over a real WebSocket, recording every frame it receives. */
export async function connectWidget(wsUrl: string, opts: { origin?: string } = {}) {
  const ws = new WebSocket(wsUrl, { headers: opts.origin ? { origin: opts.origin } : {} });
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(
      JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')) as ServerFrame,
    );
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

  async function waitFor<T extends ServerFrame>(predicate: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  async function waitFor(predicate: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  async function waitFor(predicate: (f: ServerFrame) => boolean, timeoutMs = 5000): Promise<ServerFrame> {
    const until = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < frames.length; seen++) {
        const f = frames[seen];
        if (f && predicate(f)) {
          frames.splice(seen, 1);
          return f;
        }
      }
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  return {
    ws,
    frames,
    send: (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    waitFor,
    close: async () => {
      ws.close();
      await closed;
    },
  };
}
