import { backoffDelayMs, LeaseLostError, type Job } from '../jobs/job-queue.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { lockHeldConversation } from './held-conversation.ts';
import { publishChanges, type ConversationChange } from './publish-changes.ts';
import { requeueAgentConversations } from './requeue-agent-conversations.ts';
import { wakeConversation } from './unsnooze-conversation.ts';

/**
 * The 'handoff' queue's timers: a snooze that reaches its time (keyed by the conversation), and the
 * end of an agent's offline grace (keyed `presence:<user>`). Each checks that what it was written for
 * still holds (the same snooze; the agent still offline since then) before acting, in the transaction
 * that completes the job.
 */
export async function runHandoffJob(deps: HandoffDeps, job: Job): Promise<void> {
  try {
    const changes = await deps.transact(async (tx) => {
      const now = deps.clock();
      let changes: ConversationChange[] = [];
      const kind = job.payload['kind'];
      if (kind === 'snooze_wake') {
        const held = await lockHeldConversation(tx, deps.dialect, job.workspaceId, job.conversationId);
        if (held && held.status !== 'resolved' && held.snoozedUntil !== null && held.snoozedUntil === job.payload['until']) {
          await wakeConversation(tx, deps, held, now, { reason: 'time', by: 'system' });
          changes = [{ workspaceId: held.workspaceId, conversationId: held.id, contactId: held.contactId }];
        }
      } else if (kind === 'offline_grace') {
        const userId = String(job.payload['userId']);
        const user = await tx
          .selectFrom('users')
          .select(['presence', 'presence_at'])
          .where('workspace_id', '=', job.workspaceId)
          .where('id', '=', userId)
          .executeTakeFirst();
        // Back online (or away) since, or gone offline again later (that later timer decides): nothing to do.
        const since = String(job.payload['since']);
        if (user && user.presence === 'offline' && (user.presence_at ?? '') <= since)
          changes = await requeueAgentConversations(tx, { workspaceId: job.workspaceId, userId, reason: 'offline', now });
      } else {
        deps.log.warn({ jobId: job.id, kind }, 'unknown handoff timer kind; dropped');
      }
      await deps.jobs.complete(tx, job);
      return changes;
    });
    publishChanges(deps, changes);
    if (changes.length > 0) deps.wake.routing?.();
  } catch (err) {
    if (err instanceof LeaseLostError) return;
    deps.log.warn({ err, jobId: job.id }, 'handoff timer failed; will retry');
    await deps.jobs.retryLater(
      job,
      new Date(deps.clock().getTime() + backoffDelayMs(job.attempts, { baseMs: 500, capMs: 30_000 })),
      String(err),
    );
  }
}
