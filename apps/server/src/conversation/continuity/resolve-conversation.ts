import type { ConversationStatus, ConversationSummary } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';
import { loadConversationSummary } from '../load-conversation-summary.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import { toMessageView } from '../message.repository.ts';
import { askCsat } from '../../handoff/ask-csat.ts';
import { requestRouting } from '../../handoff/request-routing.ts';

export type ResolveResult =
  | {
      ok: true;
      conversation: Conversation;
      from: ConversationStatus;
      summary: ConversationSummary;
      previousConversationId: string | null;
      /** Whether the CSAT question went out (asked for, and the reply channel could carry it). */
      csatAsked: boolean;
    }
  | { ok: false; reason: 'conversation_not_found' | 'conversation_already_resolved'; message: string };

/** Status changes are guarded by the status read; a concurrent change makes us read again, a few times. */
const attempts = 3;

/**
 * Closes a conversation: status resolved with its time, and in the same transaction the status change,
 * `conversation.resolved` with the summary (what was asked, done, on which channels, how long) and the
 * contact's segments that read conversations. The customer's next message opens a new conversation.
 */
export async function resolveConversation(
  deps: PipelineDeps,
  input: { workspaceId: string; conversationId: string; note: string | null; actorTokenId: string; askCsat?: boolean },
): Promise<ResolveResult> {
  const ws = input.workspaceId;
  const defaultLanguage = deps.workspaces.get(ws)?.definition.defaultLanguage ?? 'pt-BR';
  for (let attempt = 1; ; attempt++) {
    const current = await createConversationRepository(deps.db, ws).get(input.conversationId);
    if (!current) return { ok: false, reason: 'conversation_not_found', message: `no conversation ${input.conversationId}` };
    if (current.status === 'resolved')
      return {
        ok: false,
        reason: 'conversation_already_resolved',
        message: `conversation ${current.id} was resolved at ${current.resolvedAt ?? '?'}; reopen it first`,
      };
    const now = deps.clock();
    const nowIso = now.toISOString();
    const done = await deps.transact(async (tx) => {
      const conversations = createConversationRepository(tx, ws);
      const resolved = await conversations.changeStatus(current.id, current.status, 'resolved', nowIso);
      if (!resolved) return null;
      // Nobody waits on a closed conversation: no snooze, no SLA clock; a person's freed capacity is routed.
      await tx
        .updateTable('conversations')
        .set({ snoozed_until: null, snoozed_for_reply: 0, waiting_since: null })
        .where('workspace_id', '=', ws)
        .where('id', '=', resolved.id)
        .execute();
      await deps.sla.onClosed(tx, { workspaceId: ws, conversationId: resolved.id, at: now, outcome: 'resolved' });
      if (current.status === 'assigned') await requestRouting(tx, ws, nowIso);
      const csat = input.askCsat ? await askCsat(tx, deps, resolved, now) : null;
      const base = { workspaceId: ws, conversationId: resolved.id, contactId: resolved.contactId, occurredAt: nowIso };
      const summary = await loadConversationSummary(tx, ws, resolved, defaultLanguage, [
        { type: 'conversation.resolved', payload: { note: input.note }, occurredAt: nowIso },
      ]);
      await appendEvents(tx, [
        { ...base, type: 'conversation.status_changed', payload: { from: current.status, to: 'resolved', by: input.actorTokenId } },
        {
          ...base,
          type: 'conversation.resolved',
          payload: {
            from: current.status,
            by: input.actorTokenId,
            note: input.note,
            channelTypes: summary.channels,
            counts: summary.counts,
            durations: { durationSeconds: summary.durationSeconds, secondsToResolve: summary.resolution?.secondsToResolve ?? 0 },
            summary,
          },
        },
      ]);
      await deps.segments.refresh(tx, ws, [resolved.contactId], ['conversations'], nowIso);
      return {
        conversation: resolved,
        summary,
        previousConversationId: await conversations.findPreviousId(resolved),
        csat: csat?.messages ?? [],
        csatAsked: csat?.asked ?? false,
      };
    });
    if (done) {
      const { csat, ...outcome } = done;
      for (const message of csat)
        deps.bus.emit('message.stored', { workspaceId: ws, contactId: done.conversation.contactId, message: toMessageView(message) });
      if (csat.length > 0) deps.wake.deliveries();
      if (current.status === 'assigned') deps.wake.routing?.();
      deps.bus.emit('conversation.changed', {
        workspaceId: ws,
        conversationId: done.conversation.id,
        contactId: done.conversation.contactId,
      });
      deps.bus.emit('conversation.status', {
        workspaceId: ws,
        contactId: done.conversation.contactId,
        conversationId: done.conversation.id,
        status: 'resolved',
      });
      return { ok: true, from: current.status, ...outcome };
    }
    if (attempt >= attempts) throw new Error(`conversation ${current.id} kept changing status while being resolved`);
  }
}
