import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/**
 * The widget benchmark's load process (run with an IPC channel by bench/widget.ts): opens widget
 * sessions (the real hello, waiting for welcome) and leaves them idle, or opens signed-in inbox
 * sessions and records, per socket, when each benchmark message arrives.
 */
export type SessionCommand =
  | { cmd: 'widgets'; url: string; count: number; connectionId: string; sourceAddresses: string[] }
  | { cmd: 'inbox'; url: string; origin: string; cookies: string[] }
  | { cmd: 'close' };

export type SessionReply =
  | { cmd: 'opened'; opened: number; failed: number; ms: number; firstError: string | null }
  | { cmd: 'closed' }
  /** Every inbox socket received the message whose text is `marker`: when each did (epoch ms, fractional). */
  | { cmd: 'arrived'; marker: string; times: number[] };

/** The benchmark messages' texts start with this. */
export const fanoutMarkerPrefix = 'bench-fanout-';
// Opening faster than the server accepts only overflows its listen backlog (connections reset).
const widgetsInFlight = 200;
// A signed-in session's first connection is a presence change (a transaction, routing): fewer at once.
const inboxInFlight = 25;

const sockets: WebSocket[] = [];
const arrivals = new Map<string, number[]>();
let inboxCount = 0;

const reply = (message: SessionReply): void => void process.send?.(message);
const nowMs = () => performance.timeOrigin + performance.now();

process.on('message', (command: SessionCommand) => {
  void handle(command).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));

async function handle(command: SessionCommand): Promise<void> {
  switch (command.cmd) {
    case 'widgets': {
      const started = Date.now();
      const result = await openMany(command.count, widgetsInFlight, (i) =>
        openSession(
          command.url,
          { localAddress: command.sourceAddresses[i % command.sourceAddresses.length] ?? '127.0.0.1' },
          {
            type: 'hello',
            connectionId: command.connectionId,
            visitorId: `bench_${randomBytes(9).toString('base64url')}`,
            locale: 'pt-BR',
          },
        ),
      );
      return reply({ cmd: 'opened', ...result, ms: Date.now() - started });
    }
    case 'inbox': {
      const started = Date.now();
      inboxCount = command.cookies.length;
      const result = await openMany(command.cookies.length, inboxInFlight, (i) =>
        openSession(command.url, { headers: { cookie: command.cookies[i] ?? '', origin: command.origin } }, { type: 'hello' }, (ws) =>
          ws.on('message', (data) => recordArrival(data)),
        ),
      );
      return reply({ cmd: 'opened', ...result, ms: Date.now() - started });
    }
    case 'close': {
      const all = sockets.splice(0);
      await Promise.all(
        all.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.close();
            }),
        ),
      );
      return reply({ cmd: 'closed' });
    }
  }
}

async function openMany(count: number, inFlight: number, open: (i: number) => Promise<void>) {
  let next = 0;
  let opened = 0;
  let failed = 0;
  let firstError: string | null = null;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        await open(i);
        opened++;
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return { opened, failed, firstError };
}

/** Opens one socket, sends hello and resolves at the welcome (the session is then idle). */
function openSession(url: string, options: WebSocket.ClientOptions, hello: object, onOpen?: (ws: WebSocket) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no welcome within 120 s'));
    }, 120_000);
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with ${code} before welcome`));
    });
    ws.once('open', () => {
      onOpen?.(ws);
      ws.send(JSON.stringify(hello));
    });
    const onWelcome = (data: WebSocket.RawData) => {
      if (!rawText(data).startsWith('{"type":"welcome"')) return;
      ws.off('message', onWelcome);
      clearTimeout(timer);
      ws.removeAllListeners('close');
      ws.removeAllListeners('error');
      ws.on('error', () => undefined);
      sockets.push(ws);
      resolve();
    };
    ws.on('message', onWelcome);
  });
}

function recordArrival(data: WebSocket.RawData) {
  const at = nowMs();
  const text = rawText(data);
  // Cheap filter first: most frames are the bot's answers and row updates.
  if (!text.includes(fanoutMarkerPrefix) || !text.includes('"kind":"message"')) return;
  const frame = JSON.parse(text) as { event?: { message?: { text?: string; direction?: string } } };
  const message = frame.event?.message;
  if (message?.direction !== 'inbound' || !message.text?.startsWith(fanoutMarkerPrefix)) return;
  let times = arrivals.get(message.text);
  if (!times) arrivals.set(message.text, (times = []));
  times.push(at);
  if (times.length === inboxCount) {
    arrivals.delete(message.text);
    reply({ cmd: 'arrived', marker: message.text, times });
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}
