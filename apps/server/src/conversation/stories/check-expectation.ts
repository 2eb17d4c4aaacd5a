import type { StateExpectation } from './story.schema.ts';
import { foldText } from './match-bot-step.ts';

/** The conversation as an `expect` step sees it. */
export interface ConversationSnapshot {
  status: string;
  /** The running flow's id, null for none. */
  flow: string | null;
  /** Slots the bot holds: the running flow's, else the last ones it collected (a finished or handed-off flow). */
  slots: Record<string, { value: unknown; display: string }>;
  attributes: Record<string, unknown>;
}

/** Every way the snapshot differs from the expectation, in words; empty when it fits. */
export function checkExpectation(expect: StateExpectation, snapshot: ConversationSnapshot): string[] {
  const problems: string[] = [];
  if (expect.status !== undefined && snapshot.status !== expect.status)
    problems.push(`status is ${snapshot.status}, expected ${expect.status}`);
  if (expect.flow !== undefined && snapshot.flow !== expect.flow)
    problems.push(`flow is ${snapshot.flow ?? 'null'}, expected ${expect.flow ?? 'null'}`);
  for (const [name, want] of Object.entries(expect.slots ?? {})) {
    const slot = snapshot.slots[name];
    if (want === null) {
      if (slot !== undefined && slot.value !== null) problems.push(`slot ${name} is ${JSON.stringify(slot.value)}, expected none`);
    } else if (!slot) problems.push(`slot ${name} is missing, expected ${JSON.stringify(want)}`);
    // The canonical value ("123456", "2026-11-27") or what the bot showed ("27/11") both count.
    else if (String(slot.value) !== String(want) && foldText(slot.display) !== foldText(String(want)))
      problems.push(
        `slot ${name} is ${JSON.stringify(slot.value)} (shown ${JSON.stringify(slot.display)}), expected ${JSON.stringify(want)}`,
      );
  }
  for (const [name, want] of Object.entries(expect.attributes ?? {})) {
    const have = snapshot.attributes[name];
    if (want === null) {
      if (have !== undefined && have !== null) problems.push(`attribute ${name} is ${JSON.stringify(have)}, expected none`);
    } else if (have === undefined || have === null) problems.push(`attribute ${name} is missing, expected ${JSON.stringify(want)}`);
    else if (scalarText(have) !== String(want))
      problems.push(`attribute ${name} is ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`);
  }
  return problems;
}

/** Attributes are scalars when a flow sets them; anything else is compared as its JSON. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
