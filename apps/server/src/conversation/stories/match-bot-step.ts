import type { BotExpectation } from './story.schema.ts';

/** One message the bot sent in a turn, as the customer saw it. */
export interface BotReply {
  text: string;
  /** Labels of the quick replies / buttons offered with it. */
  quickReplies: string[];
}

/** A handoff the turn requested (from the `handoff.requested` event). */
export interface HandoffSeen {
  reason: string | null;
  team: string | null;
  priority: string | null;
}

/** What one customer message made the bot do. */
export interface TurnObservation {
  replies: BotReply[];
  handoffs: HandoffSeen[];
}

export type BotStepCheck = { ok: true; cursor: number } | { ok: false; reason: string };

/**
 * Checks one `bot` step against the turn's replies from `cursor` on. Text conditions may be met by
 * consecutive replies together (an answer, then a question), so the step takes the shortest run of
 * replies that meets them all and moves the cursor past it; `silent` then means nothing came after.
 */
export function matchBotStep(expect: BotExpectation, turn: TurnObservation, cursor: number): BotStepCheck {
  let next = cursor;
  if (expect.says !== undefined || expect.matches !== undefined || expect.quickReplies !== undefined) {
    const found = findShortestRun(expect, turn.replies, cursor);
    if (!found.ok) return found;
    next = found.cursor;
  }
  for (const text of expect.notSays ?? []) {
    // Anywhere in the turn, not just after the cursor: a secret echoed once is echoed.
    const echoed = turn.replies.find((r) => foldText(r.text).includes(foldText(text)));
    if (echoed) return { ok: false, reason: `the bot said ${JSON.stringify(text)}: ${JSON.stringify(echoed.text)}` };
  }
  if (expect.does === 'handoff') {
    const failure = checkHandoff(expect, turn.handoffs);
    if (failure) return { ok: false, reason: failure };
  }
  if (expect.silent && next < turn.replies.length) {
    const more = turn.replies
      .slice(next)
      .map((r) => JSON.stringify(r.text))
      .join(', ');
    return { ok: false, reason: `expected the bot to say nothing more, but it said ${more}` };
  }
  return { ok: true, cursor: next };
}

/** Lower case, no accents, single spaces: "Número" and "numero" are the same to a story. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function findShortestRun(expect: BotExpectation, replies: BotReply[], cursor: number): BotStepCheck {
  if (cursor >= replies.length)
    return { ok: false, reason: `expected the bot to reply (${describeText(expect)}), but it said nothing more` };
  for (let end = cursor + 1; end <= replies.length; end++) {
    if (missingIn(expect, replies.slice(cursor, end)).length === 0) return { ok: true, cursor: end };
  }
  const missing = missingIn(expect, replies.slice(cursor));
  return { ok: false, reason: `the bot's reply lacks ${missing.join('; ')}` };
}

function missingIn(expect: BotExpectation, run: BotReply[]): string[] {
  const text = run.map((r) => r.text).join('\n');
  const folded = foldText(text);
  const offered = run.flatMap((r) => r.quickReplies).map(foldText);
  const missing: string[] = [];
  const says = expect.says ?? [];
  for (const part of says) if (!folded.includes(foldText(part))) missing.push(`the text ${JSON.stringify(part)}`);
  if (expect.matches !== undefined) {
    const pattern = new RegExp(expect.matches, 'iu');
    if (!pattern.test(text) && !pattern.test(folded)) missing.push(`a match for /${expect.matches}/`);
  }
  for (const label of expect.quickReplies ?? []) {
    const want = foldText(label);
    if (!offered.some((o) => o === want || o.includes(want))) missing.push(`the quick reply ${JSON.stringify(label)}`);
  }
  return missing;
}

/** Why no requested handoff fits the step, or null when one does. */
function checkHandoff(expect: BotExpectation, handoffs: HandoffSeen[]): string | null {
  const wanted = { reason: expect.reason, team: expect.team, priority: expect.priority };
  const fits = (h: HandoffSeen) =>
    (wanted.reason === undefined || h.reason === wanted.reason) &&
    (wanted.team === undefined || h.team === wanted.team) &&
    (wanted.priority === undefined || h.priority === wanted.priority);
  if (handoffs.some(fits)) return null;
  const want = Object.entries(wanted)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
  const seen =
    handoffs.length === 0
      ? 'no handoff was requested'
      : `the turn requested ${handoffs.map((h) => `a handoff (reason ${h.reason ?? '-'}, team ${h.team ?? '-'}, priority ${h.priority ?? '-'})`).join(' and ')}`;
  return `expected a handoff${want ? ` with ${want}` : ''}, but ${seen}`;
}

function describeText(expect: BotExpectation): string {
  const parts: string[] = [];
  if (expect.says !== undefined) parts.push(`says ${JSON.stringify(expect.says)}`);
  if (expect.matches !== undefined) parts.push(`matches /${expect.matches}/`);
  if (expect.quickReplies !== undefined) parts.push(`offers ${JSON.stringify(expect.quickReplies)}`);
  return parts.join(', ');
}
