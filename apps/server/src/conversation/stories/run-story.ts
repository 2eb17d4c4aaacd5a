import type { MessageView } from '@fio/contracts';
import { createContactRepository, normalizeIdentity } from '../../contacts/index.ts';
import type { StoredEvent } from '../../events/event-log.ts';
import { checkExpectation, type ConversationSnapshot } from './check-expectation.ts';
import { formatTranscript } from './format-transcript.ts';
import { matchBotStep, type HandoffSeen, type TurnObservation } from './match-bot-step.ts';
import { observeConversation, type ConversationObservation } from './observe-conversation.ts';
import { openCustomerChannel, type CustomerChannel } from './open-customer-channel.ts';
import { quickRepliesOf, resolveUserInput } from './resolve-user-input.ts';
import { startStoryApp, type StoryApp } from './start-story-app.ts';
import type { Story, StoryChannel, StoryStep } from './story.schema.ts';
import { waitForQuietQueues } from './wait-for-quiet-queues.ts';

export interface StoryFailure {
  story: string;
  file: string;
  /** 1-based step number and its line in the file. */
  step: number;
  line: number;
  expected: string;
  problem: string;
  transcript: string;
}

export type StoryResult = { ok: true; story: string; transcript: string } | { ok: false; story: string; failure: StoryFailure };

export interface RunStoryOptions {
  workspaceDir: string;
  root: string;
  workspaceSlug: string;
  /** How long one turn (the bot's answer and its deliveries) may take; default 20 s. */
  turnTimeoutMs?: number;
}

/** Renders a failure for a test report: where, what was expected, what went wrong, and the transcript. */
export function describeStoryFailure(failure: StoryFailure): string {
  return [
    `story "${failure.story}" failed at step ${failure.step} (${failure.file}:${failure.line})`,
    `  expected: ${failure.expected}`,
    `  problem:  ${failure.problem}`,
    '  transcript so far:',
    failure.transcript,
  ].join('\n');
}

interface RunState {
  app: StoryApp;
  customer: Story['customer'];
  contactId: string;
  channel: StoryChannel;
  open: Map<StoryChannel, CustomerChannel>;
  turn: TurnObservation | null;
  cursor: number;
  /** The quick replies of the bot's last message that offered any (for `pick`). */
  offered: { id: string; label: string }[];
  last: ConversationObservation | null;
}

/**
 * Runs one story against a fresh Fio: the customer writes through the real channel inbound paths,
 * each turn is awaited until the job queues are quiet, and every `bot`/`expect` step is checked
 * against what Fio stored. Stops at the first failed step.
 */
export async function runStory(story: Story, options: RunStoryOptions): Promise<StoryResult> {
  const app = await startStoryApp({
    workspaceDir: options.workspaceDir,
    root: options.root,
    workspaceSlug: options.workspaceSlug,
    at: new Date(story.at),
  });
  const open = new Map<StoryChannel, CustomerChannel>();
  try {
    const state: RunState = {
      app,
      customer: story.customer,
      contactId: await seedCustomer(app, story),
      channel: story.channel,
      open,
      turn: null,
      cursor: 0,
      offered: [],
      last: null,
    };
    for (const [i, step] of story.steps.entries()) {
      const problem = await runStep(state, step, options.turnTimeoutMs ?? 20_000);
      if (problem !== null) {
        const seen = state.last ?? (await observeConversation(app, state.contactId).catch(() => null));
        return {
          ok: false,
          story: story.name,
          failure: {
            story: story.name,
            file: story.file,
            step: i + 1,
            line: story.stepLines[i] ?? story.line,
            expected: describeStep(step),
            problem,
            transcript: seen ? formatTranscript(seen.messages, seen.events) : '    (nothing yet)',
          },
        };
      }
    }
    const seen = await observeConversation(app, state.contactId);
    return { ok: true, story: story.name, transcript: formatTranscript(seen.messages, seen.events) };
  } finally {
    for (const channel of open.values()) await channel.close().catch(() => undefined);
    await app.close();
  }
}

/** The store already knows the customer (its CRM): their e-mail and phone are one contact on every channel. */
async function seedCustomer(app: StoryApp, story: Story): Promise<string> {
  const now = app.clock.now().toISOString();
  const contacts = createContactRepository(app.app.database.db, app.workspaceId);
  const { name, email, phone, locale } = story.customer;
  const contact = await contacts.create({ displayName: name, email: email.toLowerCase(), phone, locale }, now);
  const claims = [
    { kind: 'email' as const, value: email, verified: true },
    { kind: 'phone' as const, value: phone, verified: true },
  ].flatMap((claim) => normalizeIdentity(claim) ?? []);
  await contacts.addIdentities(contact.id, claims, now);
  return contact.id;
}

/** Runs one step; returns what went wrong, or null. */
async function runStep(state: RunState, step: StoryStep, turnTimeoutMs: number): Promise<string | null> {
  switch (step.kind) {
    case 'channel':
      state.channel = step.channel;
      return null;
    case 'wait':
      state.app.clock.advance(step.ms);
      return null;
    case 'at':
      state.app.clock.set(new Date(step.at));
      return null;
    case 'user':
      return sendUserMessage(state, step, turnTimeoutMs);
    case 'bot': {
      if (!state.turn) return 'no customer message came before this bot step';
      const check = matchBotStep(step.expect, state.turn, state.cursor);
      if (!check.ok) return check.reason;
      state.cursor = check.cursor;
      return null;
    }
    case 'expect': {
      const seen = await observeConversation(state.app, state.contactId);
      state.last = seen;
      if (!seen.conversation) return 'the customer has no conversation yet';
      const problems = checkExpectation(step.expect, toSnapshot(seen));
      return problems.length > 0 ? problems.join('; ') : null;
    }
  }
}

async function sendUserMessage(state: RunState, step: Extract<StoryStep, { kind: 'user' }>, turnTimeoutMs: number): Promise<string | null> {
  const message = resolveUserInput(step.input, state.offered);
  if (typeof message === 'string') return message;
  const before = await observeConversation(state.app, state.contactId);
  const lastSeq = before.conversation?.lastMessageSeq ?? 0;
  const lastEventId = before.events.at(-1)?.id ?? 0;

  let channel = state.open.get(state.channel);
  if (!channel) {
    channel = await openCustomerChannel(state.channel, state.app, state.customer);
    state.open.set(state.channel, channel);
  }
  const sent = await channel.send(message);
  if (!sent.ok) return `${state.channel} did not take the message: ${sent.reason}`;
  const quiet = await waitForQuietQueues(state.app, turnTimeoutMs);
  if (!quiet.ok) return quiet.reason;

  const seen = await observeConversation(state.app, state.contactId);
  state.last = seen;
  if (seen.contacts.length !== 1)
    return `the customer on ${state.channel} was not recognised: the workspace has ${seen.contacts.length} contacts instead of one`;
  if (!seen.conversation) return "the message did not reach the customer's conversation";
  // A new conversation (the last one was resolved) starts its numbering again.
  const afterSeq = seen.conversation.id === before.conversation?.id ? lastSeq : 0;
  const replies = botRepliesAfter(seen.messages, afterSeq);
  state.turn = {
    replies: replies.map((m) => ({ text: m.text, quickReplies: quickRepliesOf(m).map((q) => q.label) })),
    handoffs: handoffsAfter(seen.events, seen.conversation.id === before.conversation?.id ? lastEventId : 0),
  };
  state.cursor = 0;
  const offering = [...replies].reverse().find((m) => quickRepliesOf(m).length > 0);
  if (offering) state.offered = quickRepliesOf(offering);
  else if (replies.length > 0) state.offered = [];
  return null;
}

function toSnapshot(seen: ConversationObservation): ConversationSnapshot {
  const botState = seen.conversation?.botState ?? {};
  const contact = seen.contacts.find((c) => c.id === seen.conversation?.contactId);
  return {
    status: seen.conversation?.status ?? 'none',
    flow: flowIdOf(botState['flow']),
    slots: lastKnownSlots(botState, seen.events),
    attributes: contact?.attributes ?? {},
  };
}

function describeStep(step: StoryStep): string {
  switch (step.kind) {
    case 'user':
      return `the customer writes ${JSON.stringify(step.input)}`;
    case 'bot':
      return `the bot ${JSON.stringify(step.expect)}`;
    case 'channel':
      return `the customer carries on over ${step.channel}`;
    case 'wait':
      return `time passes (${step.text})`;
    case 'at':
      return `the clock is ${step.at}`;
    case 'expect':
      return `the conversation ${JSON.stringify(step.expect)}`;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function flowIdOf(flow: unknown): string | null {
  return isRecord(flow) && typeof flow['flowId'] === 'string' ? flow['flowId'] : null;
}

function slotsOf(value: unknown): Record<string, { value: unknown; display: string }> | null {
  if (!isRecord(value)) return null;
  const slots: Record<string, { value: unknown; display: string }> = {};
  for (const [name, slot] of Object.entries(value)) {
    if (isRecord(slot))
      slots[name] = { value: slot['value'], display: typeof slot['display'] === 'string' ? slot['display'] : String(slot['value']) };
    else slots[name] = { value: slot, display: String(slot) };
  }
  return slots;
}

/**
 * The running flow's slots; when none runs, the last slots the bot held (a flow that ended or
 * handed off clears its run, but what it collected stays in its events: the handoff's context).
 */
function lastKnownSlots(botState: Record<string, unknown>, events: StoredEvent[]): Record<string, { value: unknown; display: string }> {
  const running = isRecord(botState['flow']) ? slotsOf(botState['flow']['slots']) : null;
  if (running) return running;
  for (const event of [...events].reverse()) {
    const payload = event.payload;
    const context = isRecord(payload['context']) ? slotsOf(payload['context']['slots']) : null;
    const state =
      isRecord(payload['botState']) && isRecord(payload['botState']['flow']) ? slotsOf(payload['botState']['flow']['slots']) : null;
    const own = slotsOf(payload['slots']);
    const found = context ?? state ?? own;
    if (found && Object.keys(found).length > 0) return found;
  }
  const pausedFlows: unknown[] = Array.isArray(botState['pausedFlows']) ? botState['pausedFlows'] : [];
  const paused = pausedFlows.at(-1);
  return (isRecord(paused) ? slotsOf(paused['slots']) : null) ?? {};
}

/** The handoffs requested after `afterEventId`, as the `handoff.requested` events tell them. */
export function handoffsAfter(events: StoredEvent[], afterEventId: number): HandoffSeen[] {
  const text = (record: Record<string, unknown>, key: string) => (typeof record[key] === 'string' ? record[key] : null);
  return events
    .filter((e) => e.id > afterEventId && e.type === 'handoff.requested')
    .map((e) => {
      const inner = isRecord(e.payload['handoff']) ? e.payload['handoff'] : e.payload;
      return { reason: text(inner, 'reason'), team: text(inner, 'team'), priority: text(inner, 'priority') };
    });
}

/** Bot messages of a turn: outbound messages after `afterSeq`. */
export function botRepliesAfter(messages: MessageView[], afterSeq: number): MessageView[] {
  return messages.filter((m) => m.seq > afterSeq && m.direction === 'outbound');
}
