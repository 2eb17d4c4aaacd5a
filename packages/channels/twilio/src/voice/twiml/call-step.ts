/**
 * Where a TwiML document sends the call next, carried in the query of the Gather action and Redirect
 * URLs (Twilio signs the full URL, so it cannot be forged). The call needs no state on our side:
 * `turn` names the document's origin (`call` for the greeting, else the reply's message id) and
 * `seq` counts the documents that followed it, so every Gather has its own action URL and a speech
 * result is identified by CallSid + turn + seq: Twilio's retries repeat it, a new utterance never does.
 */
export type CallStep =
  | { kind: 'gather'; turn: string; seq: number }
  /** A prompt's Gather ended without input; `tries` prompts in a row went unanswered. */
  | { kind: 'after-prompt'; turn: string; seq: number; tries: number }
  /** A holding loop (waiting for the bot's reply) ended; `tries` loops so far. */
  | { kind: 'after-hold'; turn: string; seq: number; tries: number }
  /** The `<Dial>` to the team ended; Twilio says how in DialCallStatus. */
  | { kind: 'after-dial'; turn: string; seq: number };

export const greetingTurn = 'call';
const turnPattern = /^[A-Za-z0-9_.:-]{1,100}$/;
const maxSeq = 100_000;

/** The action/redirect URL for a step: the connection's webhook URL with the step in its query. */
export function callStepUrl(webhookUrl: string, step: CallStep): string {
  const url = new URL(webhookUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('turn', step.turn);
  url.searchParams.set('seq', String(step.seq));
  if (step.kind !== 'gather') url.searchParams.set('after', step.kind.slice('after-'.length));
  if (step.kind === 'after-prompt' || step.kind === 'after-hold') url.searchParams.set('tries', String(step.tries));
  return url.href;
}

export type ReadStepResult = { ok: true; step: CallStep | null } | { ok: false; reason: string };

/** Reads the step from a webhook's query; `null` when the request is not one of ours (a new call, a status callback). */
export function readCallStep(query: Readonly<Record<string, string | undefined>>): ReadStepResult {
  const { turn, seq: seqText, after, tries: triesText } = query;
  if (turn === undefined && seqText === undefined && after === undefined) return { ok: true, step: null };
  if (turn === undefined || !turnPattern.test(turn)) return { ok: false, reason: 'the call step has no valid `turn`' };
  const seq = boundedInt(seqText);
  if (seq === undefined) return { ok: false, reason: 'the call step has no valid `seq`' };
  switch (after) {
    case undefined:
      return { ok: true, step: { kind: 'gather', turn, seq } };
    case 'dial':
      return { ok: true, step: { kind: 'after-dial', turn, seq } };
    case 'prompt':
    case 'hold': {
      const tries = boundedInt(triesText);
      if (tries === undefined || tries < 1) return { ok: false, reason: 'the call step has no valid `tries`' };
      return { ok: true, step: { kind: after === 'prompt' ? 'after-prompt' : 'after-hold', turn, seq, tries } };
    }
    default:
      return { ok: false, reason: `unknown call step "after=${after.slice(0, 20)}"` };
  }
}

function boundedInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= maxSeq ? value : undefined;
}
