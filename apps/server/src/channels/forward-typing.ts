import type { SendContext } from '@fio/channel-kit';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { EventBus } from '../realtime/event-bus.ts';
import type { ConnectionRegistry, ConnectionRuntime } from './connection-registry.ts';

/**
 * While the bot thinks, channels that can show it (Telegram's "typing…") are told, through their
 * adapter's sendTyping. Best effort and never awaited by the turn: a typing hint is not worth a delay.
 */
export function forwardTypingToProviders(deps: {
  bus: EventBus;
  connections: ConnectionRegistry;
  sendContextFor: (connection: ConnectionRuntime) => SendContext<unknown, unknown>;
  log: Logger;
}): () => void {
  return deps.bus.on('bot.typing', ({ connectionId, address, on }) => {
    const connection = deps.connections.get(connectionId);
    const sendTyping = connection?.adapter.sendTyping;
    if (!connection || !sendTyping || !connection.capabilities.typingIndicator) return;
    sendTyping(address, on, deps.sendContextFor(connection)).catch((err: unknown) =>
      deps.log.debug({ err, connectionId }, 'typing indicator not shown'),
    );
  });
}
