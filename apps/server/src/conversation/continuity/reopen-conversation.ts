import type { ConversationStatus, Priority } from '@fio/contracts';
import { appendEvents, listConversationEvents } from '../../events/event-log.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import { requestRouting } from '../../handoff/request-routing.ts';

export type ReopenResult =
  | { ok: true; conversation: Conversation }
  | {
      ok: false;
      reason: 'conversation_not_found' | 'conversation_not_resolved' | 'contact_has_open_conversation';
      message: string;
      details?: { openConversationId: string };
    };

/**
 * Opens a resolved conversation again: back to the bot, or to the queue when a person had it when it
 * was resolved. Refused while the customer has another open conversation (one open per contact: the
 * newer one is where they are talking now).
 */
export async function reopenConversation(
  deps: PipelineDeps,
  input: { workspaceId: string; conversationId: string; actorTokenId: string },
): Promise<ReopenResult> {
  const ws = input.workspaceId;
  const conversations = createConversationRepository(deps.db, ws);
  const conversation = await conversations.get(input.conversationId);
  if (!conversation) return { ok: false, reason: 'conversation_not_found', message: `no conversation ${input.conversationId}` };
  if (conversation.status !== 'resolved')
    return {
      ok: false,
      reason: 'conversation_not_resolved',
      message: `conversation ${conversation.id} is ${conversation.status}, not resolved`,
    };
  const open = await conversations.findOpenForContact(conversation.contactId);
  if (open) return openElsewhere(open.id);

  const to = await statusBeforeResolve(deps, ws, conversation.id);
  const now = deps.clock();
  const nowIso = now.toISOString();
  let reopened: Conversation | null;
  try {
    reopened = await deps.transact(async (tx) => {
      const changed = await createConversationRepository(tx, ws).changeStatus(conversation.id, 'resolved', to, nowIso);
      if (!changed) return null;
      // Back in its team's queue (nobody holds it until routing or a person takes it), or with the bot;
      // a CSAT question asked at resolve time is no longer waited for.
      const { awaitingCsat: _asked, csatAskedAt: _at, ...botState } = changed.botState;
      await tx
        .updateTable('conversations')
        .set({
          assignee_id: null,
          assigned_at: null,
          queued_at: to === 'queued' ? nowIso : null,
          waiting_since: to === 'queued' ? nowIso : null,
          bot_state_json: JSON.stringify(botState),
          ...(to === 'bot' ? { team_id: null } : {}),
        })
        .where('workspace_id', '=', ws)
        .where('id', '=', changed.id)
        .execute();
      if (to === 'queued') {
        const priority = await tx
          .selectFrom('conversations')
          .select('priority')
          .where('workspace_id', '=', ws)
          .where('id', '=', changed.id)
          .executeTakeFirst();
        await deps.sla.onQueued(tx, {
          workspaceId: ws,
          conversationId: changed.id,
          contactId: changed.contactId,
          priority: priorityOf(priority?.priority),
          at: now,
        });
        await requestRouting(tx, ws, nowIso);
      }
      await appendEvents(tx, [
        {
          workspaceId: ws,
          conversationId: changed.id,
          contactId: changed.contactId,
          type: 'conversation.status_changed',
          payload: { from: 'resolved', to, by: input.actorTokenId, reopened: true },
          occurredAt: nowIso,
        },
      ]);
      await deps.segments.refresh(tx, ws, [changed.contactId], ['conversations'], nowIso);
      return changed;
    });
  } catch (err) {
    // The customer wrote between our check and the update: their new conversation holds the one open slot.
    if (!isUniqueViolation(err)) throw err;
    const winner = await conversations.findOpenForContact(conversation.contactId);
    return openElsewhere(winner?.id ?? '');
  }
  if (!reopened) {
    const now = await conversations.get(conversation.id);
    return { ok: false, reason: 'conversation_not_resolved', message: `conversation ${conversation.id} is ${now?.status ?? '?'} now` };
  }
  deps.bus.emit('conversation.status', { workspaceId: ws, contactId: reopened.contactId, conversationId: reopened.id, status: to });
  deps.bus.emit('conversation.changed', { workspaceId: ws, conversationId: reopened.id, contactId: reopened.contactId });
  if (to === 'queued') deps.wake.routing?.();
  return { ok: true, conversation: reopened };
}

function openElsewhere(openConversationId: string): ReopenResult {
  return {
    ok: false,
    reason: 'contact_has_open_conversation',
    message: `the customer already has an open conversation (${openConversationId}); a contact has one open conversation at a time`,
    details: { openConversationId },
  };
}

/** Who held the conversation when it was resolved: a person (queued, assigned) sends it back to the queue. */
async function statusBeforeResolve(deps: PipelineDeps, ws: string, conversationId: string): Promise<ConversationStatus> {
  const events = await listConversationEvents(deps.db, ws, conversationId);
  const resolved = events.findLast((e) => e.type === 'conversation.status_changed' && e.payload['to'] === 'resolved');
  const from = resolved?.payload['from'];
  return from === 'queued' || from === 'assigned' ? 'queued' : 'bot';
}

function priorityOf(value: string | undefined): Priority {
  return value === 'low' || value === 'high' || value === 'urgent' ? value : 'normal';
}
