import type { Priority } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { SlaService } from './sla/index.ts';
import { requestRouting } from './request-routing.ts';

export interface QueueInput {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  /** The team's key (a flow's handoff team, else workspace.escalation.team); unknown or absent: the workspace queue. */
  teamKey: string | null;
  priority: Priority;
  language: string | null;
  /** The customer's message the handoff answers: they wait from then. */
  waitingSince: string;
  now: Date;
}

/**
 * Puts a conversation the bot handed off in its team's queue, in the turn's transaction (the caller
 * has already moved it to 'queued'): team, priority, language and the waiting times, the SLA timers,
 * and a routing pass. Outside business hours it simply waits there; the engine told the customer when.
 */
export async function queueConversation(tx: DbOrTx, sla: SlaService, input: QueueInput): Promise<{ teamId: string | null }> {
  const nowIso = input.now.toISOString();
  const team = input.teamKey
    ? await tx
        .selectFrom('teams')
        .select('id')
        .where('workspace_id', '=', input.workspaceId)
        .where('key', '=', input.teamKey)
        .executeTakeFirst()
    : undefined;
  const teamId = team?.id ?? null;
  await tx
    .updateTable('conversations')
    .set({
      team_id: teamId,
      assignee_id: null,
      priority: input.priority,
      language: input.language,
      queued_at: nowIso,
      assigned_at: null,
      waiting_since: input.waitingSince,
      snoozed_until: null,
      snoozed_for_reply: 0,
      updated_at: nowIso,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.conversationId)
    .execute();
  await appendEvents(tx, [
    {
      workspaceId: input.workspaceId,
      type: 'conversation.queued',
      conversationId: input.conversationId,
      contactId: input.contactId,
      payload: { teamId, teamKey: input.teamKey, priority: input.priority, language: input.language, knownTeam: teamId !== null },
      occurredAt: nowIso,
    },
  ]);
  await sla.onQueued(tx, {
    workspaceId: input.workspaceId,
    conversationId: input.conversationId,
    contactId: input.contactId,
    priority: input.priority,
    at: input.now,
  });
  await requestRouting(tx, input.workspaceId, nowIso);
  return { teamId };
}
