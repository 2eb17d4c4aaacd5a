import { percentile } from '../../apps/server/src/conversation/nlu/index.ts';

export interface Latency {
  samples: number;
  p50_us: number;
  p99_us: number;
  max_us: number;
}

/** Runs `work` for every item, one after another (one customer's message at a time), timing each in µs. */
export async function timeEach<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await work(item);
    out.push((performance.now() - started) * 1000);
  }
  return out;
}

export function summarizeLatency(micros: readonly number[]): Latency {
  const sorted = [...micros].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x);
  return {
    samples: sorted.length,
    p50_us: round(percentile(sorted, 0.5)),
    p99_us: round(percentile(sorted, 0.99)),
    max_us: round(sorted[sorted.length - 1] ?? 0),
  };
}
