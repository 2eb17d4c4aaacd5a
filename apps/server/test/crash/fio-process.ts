import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Fio as a real operating-system process (`fio start`), so a test can SIGKILL it mid-write and start
 * it again on the same port and data. Only stderr is kept (its tail explains a failed start).
 */
export interface FioProcess {
  baseUrl: string;
  /** Starts the server and resolves once /healthz answers 200. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, in-flight transactions and requests are cut. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful path (workers finish, database closes). */
  stop(): Promise<void>;
  stderrTail(): string;
}

export const repoRoot = new URL('../../../../', import.meta.url).pathname;

export async function pickFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

export function createFioProcess(opts: { port: number; env: Record<string, string>; startTimeoutMs?: number }): FioProcess {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stderr = '';

  const waitHealthy = async (timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (child === null || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`fio exited during start-up (code ${String(child?.exitCode)}):\n${stderr.slice(-2000)}`);
      }
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
        await res.body?.cancel();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`fio did not become healthy within ${timeoutMs} ms:\n${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const signal = async (sig: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    running.kill(sig);
    await exited;
  };

  return {
    baseUrl,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error('fio is already running');
      const started = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'start'], {
        cwd: repoRoot,
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port), LOG_LEVEL: 'warn', ...opts.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = started;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      started.stderr?.setEncoding('utf8');
      started.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-20_000);
      });
      await waitHealthy(opts.startTimeoutMs ?? 30_000);
    },
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    stderrTail: () => stderr.slice(-4000),
  };
}
