import type { SupervisorOverview } from '@fio/contracts';

type QueueSummary = SupervisorOverview['queues'][number];

/**
 * One line per team and one for the conversations queued without a team (last), each with how many
 * wait and for how long at `now`. Pure, so the figures are tested with a fixed clock.
 */
export function summariseQueues(
  teams: readonly { id: string; name: string }[],
  queued: readonly { team_id?: string | null; queued_at?: string | null; created_at: string }[],
  now: Date,
): QueueSummary[] {
  const waitsOf = new Map<string | null, string[]>();
  for (const row of queued) {
    const key = row.team_id ?? null;
    waitsOf.set(key, [...(waitsOf.get(key) ?? []), row.queued_at ?? row.created_at]);
  }
  const lines: { teamId: string | null; teamName: string | null }[] = [
    ...teams.map((t) => ({ teamId: t.id, teamName: t.name })),
    // Conversations of a team since deleted wait in the no-team line rather than vanish.
    { teamId: null, teamName: null },
  ];
  const known = new Set(teams.map((t) => t.id));
  const orphans = [...waitsOf.entries()].filter(([id]) => id !== null && !known.has(id)).flatMap(([, v]) => v);
  return lines.map((line) => {
    const since = [...(waitsOf.get(line.teamId) ?? []), ...(line.teamId === null ? orphans : [])].sort();
    const waits = since.map((at) => Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 1000)));
    return {
      ...line,
      waiting: since.length,
      oldestQueuedAt: since[0] ?? null,
      longestWaitSeconds: waits[0] ?? 0,
      averageWaitSeconds: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
    };
  });
}
