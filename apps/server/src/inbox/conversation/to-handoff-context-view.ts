import { z } from 'zod';
import { prioritySchema, type HandoffContextView } from '@fio/contracts';

// Stored events outlive the code that wrote them: every field is read leniently, a missing or odd one
// becomes its empty value instead of hiding the whole card.
const slotSchema = z.object({ value: z.unknown().optional(), display: z.unknown().optional() }).catch({});
const payloadSchema = z.object({
  reason: z.string().catch('unknown'),
  team: z.string().nullable().catch(null).default(null),
  priority: prioritySchema.catch('normal').default('normal'),
  note: z.string().nullable().catch(null).default(null),
  context: z
    .object({
      summary: z.array(z.string()).catch([]).default([]),
      intentsTried: z.array(z.string()).catch([]).default([]),
      slots: z.record(z.string(), slotSchema).catch({}).default({}),
      flow: z.object({ id: z.string(), step: z.string() }).nullable().catch(null).default(null),
      sentiment: z
        .object({
          last: z.number().catch(0).default(0),
          trend: z.enum(['improving', 'stable', 'worsening']).catch('stable').default('stable'),
          frustration: z.number().catch(0).default(0),
        })
        .catch({ last: 0, trend: 'stable', frustration: 0 })
        .default({ last: 0, trend: 'stable', frustration: 0 }),
      profile: z
        .object({ segments: z.array(z.string()).catch([]).default([]) })
        .catch({ segments: [] })
        .default({ segments: [] }),
      expectedAnswerAt: z.string().nullable().catch(null).default(null),
    })
    .nullable()
    .catch(null)
    .default(null),
  botState: z
    .object({
      sentiment: z
        .array(z.object({ score: z.number() }).catch({ score: 0 }))
        .catch([])
        .default([]),
    })
    .nullable()
    .catch(null)
    .default(null),
});

/**
 * The context card from a `handoff.requested` event: why the bot handed off (reason, team, priority,
 * a flow's note), what it knows (summary lines, intents tried, collected slots as they read, the flow
 * and step it stopped at), how the customer feels (last score, trend, frustration, and the per-message
 * scores of the bot state for the sparkline), the customer's segments, and when they were told a
 * person would answer. Pure.
 */
export function toHandoffContextView(payload: unknown, requestedAt: string): HandoffContextView {
  const p = payloadSchema.parse(payload ?? {});
  const c = p.context;
  return {
    reason: p.reason,
    requestedAt,
    team: p.team,
    priority: p.priority,
    note: p.note,
    summary: c?.summary ?? [],
    intentsTried: c?.intentsTried ?? [],
    collected: Object.entries(c?.slots ?? {}).map(([name, slot]) => ({ name, display: displayOf(slot) })),
    flow: c?.flow ?? null,
    sentiment: {
      last: c?.sentiment.last ?? 0,
      trend: c?.sentiment.trend ?? 'stable',
      frustration: c?.sentiment.frustration ?? 0,
      series: (p.botState?.sentiment ?? []).map((r) => r.score),
    },
    segments: c?.profile.segments ?? [],
    expectedAnswerAt: c?.expectedAnswerAt ?? null,
  };
}

function displayOf(slot: { value?: unknown; display?: unknown }): string {
  if (typeof slot.display === 'string') return slot.display;
  const v = slot.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
