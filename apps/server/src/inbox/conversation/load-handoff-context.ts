import type { HandoffContextView } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { toHandoffContextView } from './to-handoff-context-view.ts';

/** The context card of the conversation's latest handoff, or null when the bot never handed it off. */
export async function loadHandoffContext(db: DbOrTx, workspaceId: string, conversationId: string): Promise<HandoffContextView | null> {
  const event = await db
    .selectFrom('events')
    .select(['payload_json', 'occurred_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('type', '=', 'handoff.requested')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!event) return null;
  return toHandoffContextView(JSON.parse(event.payload_json), event.occurred_at);
}
