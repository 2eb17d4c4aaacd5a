import { readFileSync } from 'node:fs';
import { spawnServer, type ServerProcess } from '../spawn-server.ts';

export interface MeasuredProcess extends ServerProcess {
  /** Full GC in the process, a moment to settle, then its resident set size in KiB (VmRSS). */
  settledRssKb(): Promise<number>;
}

/** A server run as its own node process, with a GC on demand, healthy when `healthPath` answers 2xx. */
export async function spawnMeasuredProcess(opts: {
  script: string;
  args?: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
}): Promise<MeasuredProcess> {
  const server = await spawnServer({
    ...opts,
    nodeArgs: ['--expose-gc', '--import', new URL('./gc-on-signal.ts', import.meta.url).pathname],
    startupTimeoutMs: 60_000,
    stopTimeoutMs: 20_000,
  });
  return {
    ...server,
    async settledRssKb() {
      for (let i = 0; i < 3; i++) {
        server.signal('SIGUSR2');
        await new Promise((r) => setTimeout(r, 700));
      }
      return readRssKb(server.pid);
    },
  };
}

export function readRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}
