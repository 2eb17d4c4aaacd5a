import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const repoRoot = new URL('../..', import.meta.url).pathname;

export interface MeasuredProcess {
  pid: number;
  baseUrl: string;
  /** Full GC in the process, a moment to settle, then its resident set size in KiB (VmRSS). */
  settledRssKb(): Promise<number>;
  stop(): Promise<void>;
}

/** A server run as its own node process, with a GC on demand, healthy when `healthPath` answers 2xx. */
export async function spawnMeasuredProcess(opts: {
  script: string;
  args?: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
}): Promise<MeasuredProcess> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      '--import',
      new URL('./gc-on-signal.ts', import.meta.url).pathname,
      opts.script,
      ...(opts.args ?? []),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port), ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.script} exited during start-up:\n${stderr}`);
    try {
      const res = await fetch(`${baseUrl}${opts.healthPath}`, { signal: AbortSignal.timeout(1000) });
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`${opts.script} did not become healthy:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${opts.script} has no pid`);
  return {
    pid,
    baseUrl,
    async settledRssKb() {
      for (let i = 0; i < 3; i++) {
        child.kill('SIGUSR2');
        await new Promise((r) => setTimeout(r, 700));
      }
      return readRssKb(pid);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}

export function readRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}
