import type { ConversationStatus } from '@fio/contracts';
import type { EventBus } from '../realtime/event-bus.ts';

export interface ConversationChange {
  workspaceId: string;
  conversationId: string;
  contactId: string;
  /** Set when the status moved: the widget and older listeners follow 'conversation.status'. */
  status?: ConversationStatus;
}

/** Tells the live listeners (inbox gateway, widget) what a committed transaction changed. Call only after commit. */
export function publishChanges(deps: { bus: EventBus }, changes: readonly ConversationChange[]): void {
  for (const c of changes) {
    deps.bus.emit('conversation.changed', { workspaceId: c.workspaceId, conversationId: c.conversationId, contactId: c.contactId });
    if (c.status)
      deps.bus.emit('conversation.status', {
        workspaceId: c.workspaceId,
        contactId: c.contactId,
        conversationId: c.conversationId,
        status: c.status,
      });
  }
}
