import WebSocket from 'ws';
import type { InboxClientFrame, InboxEvent, InboxServerFrame } from '@fio/contracts';

export type EventFrame = Extract<InboxServerFrame, { type: 'event' }>;
export type WelcomeFrame = Extract<InboxServerFrame, { type: 'welcome' }>;

/** An inbox tab speaking /ws/inbox over a real WebSocket, recording every frame (and when it came). */
export async function connectInbox(baseUrl: string, opts: { cookie?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = {};
  const origin = opts.origin === undefined ? baseUrl : opts.origin;
  if (origin) headers['origin'] = origin;
  if (opts.cookie) headers['cookie'] = opts.cookie;
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/inbox`, { headers });
  const frames: InboxServerFrame[] = [];
  /** Every frame in order of arrival (waitFor takes from `frames`, never from here). */
  const log: InboxServerFrame[] = [];
  const arrivedAt = new Map<InboxServerFrame, number>();
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(
      Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'),
    ) as InboxServerFrame;
    frames.push(frame);
    log.push(frame);
    arrivedAt.set(frame, performance.now());
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  /** The first frame (not yet taken) that matches; it is taken out of `frames`. */
  async function waitFor(predicate: (f: InboxServerFrame) => boolean, timeoutMs = 5000, what = 'frame'): Promise<InboxServerFrame> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = frames.findIndex(predicate);
      if (i >= 0) return frames.splice(i, 1)[0] as InboxServerFrame;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
  const waitForEvent = async <K extends InboxEvent['kind']>(
    kind: K,
    match: (e: Extract<InboxEvent, { kind: K }>) => boolean = () => true,
    timeoutMs = 5000,
  ) => {
    const frame = await waitFor(
      (f) => f.type === 'event' && f.event.kind === kind && match(f.event as Extract<InboxEvent, { kind: K }>),
      timeoutMs,
      `${kind} event`,
    );
    return frame as EventFrame & { event: Extract<InboxEvent, { kind: K }> };
  };

  return {
    ws,
    frames,
    log,
    arrivedAt,
    closed,
    send: (frame: InboxClientFrame | string) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    waitFor,
    waitForEvent,
    hello: async (since?: string) => {
      ws.send(JSON.stringify({ type: 'hello', ...(since ? { since } : {}) }));
      return (await waitFor((f) => f.type === 'welcome', 5000, 'welcome')) as WelcomeFrame;
    },
    /** Event frames received so far (not taken). */
    events: () => frames.filter((f): f is EventFrame => f.type === 'event'),
    close: async () => {
      ws.close();
      await closed;
    },
  };
}
