import type { FastifyBaseLogger as Logger } from 'fastify';
import { fanOutWebhookOutbox, type FanOutDeps } from './fan-out-webhook-outbox.ts';

export interface WebhookFanOut {
  start(): void;
  /** Runs one pass now (tests, and a node that just wrote events). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The loop that drains the webhook outbox: a pass every `pollMs`, and at once again while a pass found a
 * full batch. Outbox rows come from every node's transactions, so polling (not an in-process signal)
 * is what sees them all. `onDeliveries` wakes the sender when jobs were written.
 */
export function createWebhookFanOut(
  deps: FanOutDeps & { pollMs: number; log: Logger; batchSize?: number; onDeliveries: () => void },
): WebhookFanOut {
  const batchSize = deps.batchSize ?? 200;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<void> = Promise.resolve();
  let wakeRequested = false;

  const schedule = (ms: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runPass(), ms);
  };

  async function runPass(): Promise<void> {
    timer = null;
    let full = false;
    pass = (async () => {
      try {
        const result = await fanOutWebhookOutbox(deps, batchSize);
        if (result.deliveries > 0) deps.onDeliveries();
        full = result.rows === batchSize;
      } catch (err) {
        deps.log.error({ err }, 'webhook fan-out failed; retrying');
      }
    })();
    await pass;
    const again = full || wakeRequested;
    wakeRequested = false;
    schedule(again ? 0 : deps.pollMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    wake() {
      if (!running) return;
      if (timer) schedule(0);
      else wakeRequested = true;
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await pass;
    },
  };
}
