import { EventEmitter } from 'node:events';
import type { ConversationStatus, MessageView } from '@fio/contracts';

/**
 * In-process notifications after a transaction commits: the WebSocket gateway and workers listen.
 * Cluster mode will bridge this bus over Redis; nothing durable depends on it.
 */
export interface BusEvents {
  'message.stored': { workspaceId: string; contactId: string; message: MessageView };
  'conversation.status': { workspaceId: string; contactId: string; conversationId: string; status: ConversationStatus };
  'bot.typing': { workspaceId: string; connectionId: string; address: string; on: boolean };
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
