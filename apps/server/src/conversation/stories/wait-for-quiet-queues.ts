import type { StoryApp } from './start-story-app.ts';

/**
 * Waits until the bot's work for what the customer sent is done: no turn job left (a failed turn
 * waiting for its retry still counts), and no delivery or media job due now. Polls the jobs table:
 * the queue is the one source of truth for "the turn completed", wherever the worker runs.
 */
export async function waitForQuietQueues(app: StoryApp, timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = app.clock.now().toISOString();
    const busy = await app.app.database.db
      .selectFrom('jobs')
      .select(['queue', 'status', 'attempts', 'last_error'])
      .where('workspace_id', '=', app.workspaceId)
      .where('status', 'in', ['pending', 'running'])
      .where((eb) => eb.or([eb('queue', '=', 'turn'), eb('run_at', '<=', now)]))
      .execute();
    if (busy.length === 0) return { ok: true };
    if (Date.now() > until) {
      const left = busy.map(
        (j) => `${j.queue} (${j.status}, ${j.attempts} attempts${j.last_error ? `, last error: ${j.last_error}` : ''})`,
      );
      return { ok: false, reason: `the turn did not finish within ${timeoutMs} ms; jobs left: ${left.join(', ')}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
