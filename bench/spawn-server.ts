import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Runs a server under test as its own process (Fio's `start` command, or the bare baseline), so the
 * load generator, the server and this orchestrator never share an event loop.
 */
export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Sends the process a signal (the widget bench's GC on demand listens for one). */
  signal(name: NodeJS.Signals): void;
  /** SIGTERM and wait: lets Fio close its database (and write a --cpu-prof profile). */
  stop(): Promise<void>;
}

export const repoRoot = new URL('..', import.meta.url).pathname;

export async function pickFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

export async function spawnServer(opts: {
  script: string;
  args?: string[];
  nodeArgs?: string[];
  env: Record<string, string>;
  port: number;
  healthPath?: string;
  /** How long start-up and a graceful stop may take before the process is killed. */
  startupTimeoutMs?: number;
  stopTimeoutMs?: number;
}): Promise<ServerProcess> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...(opts.nodeArgs ?? []), opts.script, ...(opts.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port), ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const until = Date.now() + (opts.startupTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.script} exited during start-up:\n${stderr}`);
    try {
      const res = await fetch(`${baseUrl}${opts.healthPath ?? '/healthz'}`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${opts.script} did not become healthy:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.script} has no pid`);
  return {
    baseUrl,
    pid,
    signal(name) {
      child.kill(name);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), opts.stopTimeoutMs ?? 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}
