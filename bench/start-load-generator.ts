import { fork } from 'node:child_process';
import type { LoadGeneratorMessage, RunOrder, RunResult } from './load-generator.ts';

/** Forks bench/load-generator.ts and talks to it over IPC: one `run` order at a time. */
export interface LoadGenerator {
  callbackUrl: string;
  run(order: Omit<RunOrder, 'type'>): Promise<RunResult>;
  close(): void;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = fork(new URL('./load-generator.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: LoadGeneratorMessage[] = [];
  let waiting: (() => void) | null = null;
  child.on('message', (m: LoadGeneratorMessage) => {
    messages.push(m);
    waiting?.();
  });
  const failed = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the load generator exited (code ${String(code)})`))),
  );
  failed.catch(() => undefined);
  const nextMessage = async (): Promise<LoadGeneratorMessage> => {
    while (messages.length === 0) await Promise.race([new Promise<void>((resolve) => (waiting = resolve)), failed]);
    const m = messages.shift();
    if (!m) throw new Error('no message');
    return m;
  };

  const ready = await nextMessage();
  if (ready.type !== 'ready') throw new Error('the load generator did not start');
  return {
    callbackUrl: ready.callbackUrl,
    async run(order) {
      child.send({ type: 'run', ...order } satisfies RunOrder);
      const result = await nextMessage();
      if (result.type !== 'result') throw new Error('unexpected message from the load generator');
      return result;
    },
    close: () => child.disconnect(),
  };
}
