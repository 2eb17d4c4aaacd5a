import type { ConversationStatus, NoteView, Role } from '@fio/contracts';

import type { DomainEventInput } from '../events/event-log.ts';
import { newId, type DbOrTx } from '../storage/index.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { lockHeldConversation, type HeldConversation } from './held-conversation.ts';
import { publishChanges } from './publish-changes.ts';

/** Who acts: a signed-in person (userId) or an API token (no one: userId null). */
export interface Actor {
  userId: string | null;
  role: Role;
  tokenId: string;
  name: string;
}

export type ActionRefusal =
  | 'conversation_not_found'
  | 'conversation_resolved'
  | 'already_assigned'
  | 'assignee_unavailable'
  | 'team_not_found'
  | 'conversation_with_bot'
  | 'forbidden';

export type ActionResult = { ok: true } | { ok: false; reason: ActionRefusal; message: string };

/** What one action did, for what happens after its commit. */
export interface ActionEffects {
  /** The status moved to this one. */
  status?: ConversationStatus;
  /** Capacity was freed or a conversation joined the queue: run a routing pass. */
  routing?: boolean;
  /** A handoff timer (snooze wake-up) was written. */
  timers?: boolean;
  notes?: NoteView[];
}

export function refuse(reason: ActionRefusal, message: string): { ok: false; reason: ActionRefusal; message: string } {
  return { ok: false, reason, message };
}

/**
 * Runs one action on one conversation: a transaction that locks the conversation (PostgreSQL) and
 * does the change with its events and SLA hook; then, after the commit, the live listeners hear of it
 * and this node's routing or timer worker wakes. A refusal rolls nothing back because nothing was written.
 */
export async function runConversationAction(
  deps: HandoffDeps,
  workspaceId: string,
  conversationId: string,
  work: (tx: DbOrTx, held: HeldConversation, now: Date) => Promise<ActionEffects | { ok: false; reason: ActionRefusal; message: string }>,
  before?: (tx: DbOrTx) => Promise<{ ok: false; reason: ActionRefusal; message: string } | null>,
): Promise<ActionResult> {
  const now = deps.clock();
  const outcome = await deps.transact(async (tx) => {
    // Locks that must come before the conversation's (an agent's row) are taken here.
    const refused = before ? await before(tx) : null;
    if (refused) return { refused, held: null, effects: null };
    const held = await lockHeldConversation(tx, deps.dialect, workspaceId, conversationId);
    if (!held) return { refused: refuse('conversation_not_found', `no conversation ${conversationId}`), held: null, effects: null };
    const effects = await work(tx, held, now);
    if ('ok' in effects) return { refused: effects, held, effects: null };
    return { refused: null, held, effects };
  });
  if (outcome.refused) return outcome.refused;
  const { held, effects } = outcome;
  if (!held || !effects) return { ok: true };
  publishChanges(deps, [{ workspaceId, conversationId, contactId: held.contactId, ...(effects.status ? { status: effects.status } : {}) }]);
  for (const note of effects.notes ?? []) deps.bus.emit('note.added', { workspaceId, note });
  if (effects.routing) deps.wake.routing?.();
  if (effects.timers) deps.wake.handoff?.();
  return { ok: true };
}

/** A private note written with an action (a transfer's, a hand-back's), in its transaction. */
export async function writeActionNote(
  tx: DbOrTx,
  input: { workspaceId: string; conversationId: string; actor: Actor; text: string; nowIso: string },
): Promise<NoteView> {
  const row = {
    id: newId('note'),
    workspace_id: input.workspaceId,
    conversation_id: input.conversationId,
    author: noteAuthor(input.actor),
    author_name: input.actor.name,
    text: input.text,
    mentions_json: '[]',
    created_at: input.nowIso,
  };
  await tx.insertInto('conversation_notes').values(row).execute();
  return {
    id: row.id,
    conversationId: row.conversation_id,
    authorId: input.actor.userId ?? row.author,
    authorName: row.author_name,
    text: row.text,
    mentions: [],
    createdAt: row.created_at,
  };
}

/** The note.added event of an action's note, appended with the action's own events. */
export function actionNoteEvent(base: Omit<DomainEventInput, 'type' | 'payload'>, note: NoteView, actor: Actor): DomainEventInput {
  return { ...base, type: 'note.added', payload: { noteId: note.id, author: noteAuthor(actor), mentions: [] } };
}

/** A note's author as stored: the person, or the API token when no one signed in. */
function noteAuthor(actor: Actor): string {
  return actor.userId ? `user:${actor.userId}` : `token:${actor.tokenId}`;
}

/** Drops the pending snooze wake-ups of a conversation (its handoff timers are keyed by its id). */
export async function cancelSnoozeTimers(tx: DbOrTx, workspaceId: string, conversationId: string): Promise<void> {
  await tx
    .deleteFrom('jobs')
    .where('workspace_id', '=', workspaceId)
    .where('queue', '=', 'handoff')
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .execute();
}
