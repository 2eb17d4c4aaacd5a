import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * Preload for the Fio process (`FIO_BENCH_PRELOAD=bench/event-loop-stats.ts npm run bench -- NAME`):
 * event-loop utilisation, CPU time and loop delay, written on exit to FIO_EVENT_LOOP_STATS_FILE.
 */
const out = process.env['FIO_EVENT_LOOP_STATS_FILE'] ?? 'event-loop-stats.txt';
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const elu = performance.eventLoopUtilization();
const cpu = process.cpuUsage();
const ms = (ns: number) => (ns / 1e6).toFixed(1);

process.on('exit', () => {
  const u = performance.eventLoopUtilization(elu);
  const c = process.cpuUsage(cpu);
  writeFileSync(
    out,
    `event-loop utilisation ${u.utilization.toFixed(2)}, cpu user ${(c.user / 1e6).toFixed(1)} s sys ${(c.system / 1e6).toFixed(1)} s, ` +
      `loop delay p50 ${ms(delay.percentile(50))} ms p99 ${ms(delay.percentile(99))} ms max ${ms(delay.max)} ms\n`,
  );
});
