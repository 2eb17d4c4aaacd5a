import type { NoteView } from '@fio/contracts';
import { appendEvents, type DomainEventInput } from '../events/event-log.ts';
import {
  actionNoteEvent,
  cancelSnoozeTimers,
  refuse,
  runConversationAction,
  writeActionNote,
  type ActionResult,
  type Actor,
} from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { requestRouting } from './request-routing.ts';

/**
 * Gives the conversation back to the bot: status 'bot', no assignee, team, queue time or snooze, its
 * SLA clocks cancelled; the bot state resumes as the handoff left it (language, what it collected),
 * so the engine answers the customer's next message. An agent hands back what they hold or what
 * nobody holds.
 */
export async function handBackConversation(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; note?: string; actor: Actor },
): Promise<ActionResult> {
  const { workspaceId, actor } = input;
  const supervising = actor.role === 'admin' || actor.role === 'supervisor';
  return runConversationAction(deps, workspaceId, input.conversationId, async (tx, held, now) => {
    if (held.status === 'resolved') return refuse('conversation_resolved', `conversation ${held.id} is resolved`);
    if (held.status === 'bot') return refuse('conversation_with_bot', `the bot already holds conversation ${held.id}`);
    if (!supervising && held.assigneeId !== null && held.assigneeId !== actor.userId)
      return refuse('already_assigned', `conversation ${held.id} is held by another agent`);
    const nowIso = now.toISOString();
    const state = await tx
      .selectFrom('conversations')
      .select('bot_state_json')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', held.id)
      .executeTakeFirstOrThrow();
    // A fresh start for the bot's patience; what it knows of the customer stays.
    const botState = {
      ...(JSON.parse(state.bot_state_json) as Record<string, unknown>),
      failures: 0,
      clarifying: false,
      awaitingCsat: false,
    };
    await tx
      .updateTable('conversations')
      .set({
        status: 'bot',
        assignee_id: null,
        team_id: null,
        queued_at: null,
        assigned_at: null,
        waiting_since: null,
        snoozed_until: null,
        snoozed_for_reply: 0,
        bot_state_json: JSON.stringify(botState),
        updated_at: nowIso,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', held.id)
      .execute();
    await cancelSnoozeTimers(tx, workspaceId, held.id);
    const notes: NoteView[] = input.note
      ? [await writeActionNote(tx, { workspaceId, conversationId: held.id, actor, text: input.note, nowIso })]
      : [];
    const base = { workspaceId, conversationId: held.id, contactId: held.contactId, occurredAt: nowIso };
    const events: DomainEventInput[] = [
      { ...base, type: 'conversation.status_changed', payload: { from: held.status, to: 'bot', by: actor.tokenId } },
      {
        ...base,
        type: 'conversation.handed_back',
        payload: { fromUserId: held.assigneeId, fromTeamId: held.teamId, noteId: notes[0]?.id ?? null, by: actor.tokenId },
      },
    ];
    if (held.assigneeId)
      events.push({ ...base, type: 'agent.unassigned', payload: { userId: held.assigneeId, reason: 'handed_back', by: actor.tokenId } });
    if (notes[0]) events.push(actionNoteEvent(base, notes[0], actor));
    await appendEvents(tx, events);
    await deps.sla.onClosed(tx, { workspaceId, conversationId: held.id, at: now, outcome: 'handed_back' });
    if (held.assigneeId) await requestRouting(tx, workspaceId, nowIso);
    return { status: 'bot', routing: held.assigneeId !== null, notes };
  });
}
