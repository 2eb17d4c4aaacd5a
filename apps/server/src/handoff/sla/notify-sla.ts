import type { SlaKind } from '@fio/contracts';
import { newId, type DbOrTx } from '../../storage/index.ts';

/**
 * Notification rows for an SLA warning (the assignee) or breach (the assignee and every active
 * supervisor and admin of the workspace, who watch the queues). One row per person.
 */
export async function notifySla(
  tx: DbOrTx,
  input: {
    workspaceId: string;
    conversationId: string;
    assigneeId: string | null;
    state: 'warning' | 'breached';
    timer: SlaKind;
    policyId: string;
    dueAt: string | null;
    nowIso: string;
  },
): Promise<void> {
  const userIds = new Set<string>();
  if (input.assigneeId) userIds.add(input.assigneeId);
  if (input.state === 'breached') {
    const watchers = await tx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', input.workspaceId)
      .where('role', 'in', ['supervisor', 'admin'])
      .where('status', '=', 'active')
      .execute();
    for (const w of watchers) userIds.add(w.id);
  }
  if (userIds.size === 0) return;
  const payload = JSON.stringify({ timer: input.timer, state: input.state, policyId: input.policyId, dueAt: input.dueAt });
  await tx
    .insertInto('notifications')
    .values(
      [...userIds].map((userId) => ({
        id: newId('ntf'),
        workspace_id: input.workspaceId,
        user_id: userId,
        kind: input.state === 'warning' ? 'sla_warning' : 'sla_breached',
        conversation_id: input.conversationId,
        payload_json: payload,
        created_at: input.nowIso,
        read_at: null,
      })),
    )
    .execute();
}
