import type { NoteView } from '@fio/contracts';
import { appendEvents, type DomainEventInput } from '../events/event-log.ts';
import { checkConversationAssignee } from './check-assignee.ts';
import { actionNoteEvent, refuse, runConversationAction, writeActionNote, type ActionResult, type Actor } from './conversation-action.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { requestRouting } from './request-routing.ts';

/**
 * Hands the conversation to another person (assigned to them at once) or another team (queued there,
 * unassigned, for that team's routing), with an optional private note for whoever picks it up. An
 * agent transfers what they hold or what nobody holds. A bot conversation sent to a team is queued
 * like a handoff, with its SLA clock; one already with people keeps its clocks.
 */
export async function transferConversation(
  deps: HandoffDeps,
  input: { workspaceId: string; conversationId: string; userId?: string; teamId?: string; note?: string; actor: Actor },
): Promise<ActionResult> {
  const { workspaceId, actor } = input;
  const supervising = actor.role === 'admin' || actor.role === 'supervisor';
  const toUser = input.userId ?? null;
  const toTeam = input.teamId ?? null;
  if (!toUser && !toTeam) return refuse('forbidden', 'name a userId or a teamId to transfer to');
  return runConversationAction(
    deps,
    workspaceId,
    input.conversationId,
    async (tx, held, now) => {
      if (held.status === 'resolved') return refuse('conversation_resolved', `conversation ${held.id} is resolved; reopen it first`);
      if (!supervising && held.assigneeId !== null && held.assigneeId !== actor.userId)
        return refuse('already_assigned', `conversation ${held.id} is held by another agent`);
      const nowIso = now.toISOString();
      const teamId = toTeam ?? held.teamId;
      if (toUser) {
        await tx
          .updateTable('conversations')
          .set({ status: 'assigned', assignee_id: toUser, team_id: teamId, assigned_at: nowIso, updated_at: nowIso })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', held.id)
          .execute();
        await tx.updateTable('users').set({ last_assigned_at: nowIso }).where('id', '=', toUser).execute();
      } else {
        await tx
          .updateTable('conversations')
          .set({ status: 'queued', assignee_id: null, team_id: teamId, assigned_at: null, queued_at: nowIso, updated_at: nowIso })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', held.id)
          .execute();
        if (held.status === 'bot') {
          await tx
            .updateTable('conversations')
            .set({ waiting_since: held.waitingSince ?? nowIso })
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', held.id)
            .execute();
          await deps.sla.onQueued(tx, {
            workspaceId,
            conversationId: held.id,
            contactId: held.contactId,
            priority: held.priority,
            at: now,
          });
        }
        await requestRouting(tx, workspaceId, nowIso);
      }
      const notes: NoteView[] = input.note
        ? [await writeActionNote(tx, { workspaceId, conversationId: held.id, actor, text: input.note, nowIso })]
        : [];
      const base = { workspaceId, conversationId: held.id, contactId: held.contactId, occurredAt: nowIso };
      const to = toUser ? 'assigned' : 'queued';
      const events: DomainEventInput[] = [
        {
          ...base,
          type: 'conversation.transferred',
          payload: {
            fromUserId: held.assigneeId,
            fromTeamId: held.teamId,
            toUserId: toUser,
            toTeamId: teamId,
            noteId: notes[0]?.id ?? null,
            by: actor.tokenId,
          },
        },
      ];
      if (held.assigneeId && held.assigneeId !== toUser)
        events.push({ ...base, type: 'agent.unassigned', payload: { userId: held.assigneeId, reason: 'transferred', by: actor.tokenId } });
      if (toUser && held.assigneeId !== toUser)
        events.push({
          ...base,
          type: 'agent.assigned',
          payload: { userId: toUser, teamId, by: actor.tokenId, previousUserId: held.assigneeId, reason: 'transfer' },
        });
      if (held.status !== to)
        events.push({ ...base, type: 'conversation.status_changed', payload: { from: held.status, to, by: actor.tokenId } });
      if (notes[0]) events.push(actionNoteEvent(base, notes[0], actor));
      await appendEvents(tx, events);
      return { status: to, routing: !toUser || held.assigneeId !== null, notes };
    },
    async (tx) => {
      if (toTeam) {
        const team = await tx
          .selectFrom('teams')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', toTeam)
          .executeTakeFirst();
        if (!team) return refuse('team_not_found', `no team ${toTeam} in this workspace`);
      }
      return toUser
        ? checkConversationAssignee(tx, deps.dialect, { workspaceId, conversationId: input.conversationId, userId: toUser, teamId: toTeam })
        : null;
    },
  );
}
