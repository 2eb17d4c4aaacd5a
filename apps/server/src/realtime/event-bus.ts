import { EventEmitter } from 'node:events';
import type { ConversationStatus, DeliveryStatus, MessageView, NoteView, Presence } from '@fio/contracts';

/**
 * In-process notifications after a transaction commits: the WebSocket gateway and workers listen.
 * Cluster mode will bridge this bus over Redis; nothing durable depends on it.
 */
export interface BusEvents {
  'message.stored': { workspaceId: string; contactId: string; message: MessageView };
  'conversation.status': { workspaceId: string; contactId: string; conversationId: string; status: ConversationStatus };
  'bot.typing': { workspaceId: string; connectionId: string; address: string; on: boolean };
  // The agents' inbox (issue 6): emitted after the transaction that caused them commits.
  /** Assignee, team, priority, tags, snooze or SLA state changed: the inbox reloads the row. */
  'conversation.changed': { workspaceId: string; conversationId: string; contactId: string };
  'message.status': {
    workspaceId: string;
    conversationId: string;
    messageId: string;
    status: DeliveryStatus;
    error: { code: string; message: string } | null;
  };
  'note.added': { workspaceId: string; note: NoteView };
  /** The customer (from a channel that reports it) or an agent (from the inbox) is typing. */
  'conversation.typing': { workspaceId: string; conversationId: string; who: 'contact' | 'agent'; userId: string | null; on: boolean };
  'agent.presence': { workspaceId: string; userId: string; presence: Presence };
  'sla.alert': {
    workspaceId: string;
    conversationId: string;
    timer: 'first_response' | 'next_response' | 'resolution';
    state: 'warning' | 'breached';
    dueAt: string;
  };
}

export interface EventBus {
  emit<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void;
  on<K extends keyof BusEvents>(name: K, listener: (payload: BusEvents[K]) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit: (name, payload) => void emitter.emit(name, payload),
    on: (name, listener) => {
      emitter.on(name, listener);
      return () => void emitter.off(name, listener);
    },
  };
}
