import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import type { EventBus } from '../../realtime/event-bus.ts';
import type { AgentTypingInput } from '../../realtime/inbox/agent-typing.ts';

/** At most one provider typing call per conversation in this long (keystrokes come far faster). */
export const providerTypingIntervalMs = 5_000;

export interface TypingRelay {
  /** An agent typing (or stopping) in a conversation they may act on (the caller checked). */
  agentTyping(input: AgentTypingInput): { forwarded: boolean };
}

/**
 * An agent's typing reaches the other people in the inbox at once (bus 'conversation.typing') and the
 * customer where the reply channel shows typing: 'bot.typing' to the reply address, which
 * channels/forward-typing.ts hands to the adapter — rate-limited per conversation. The webchat is left
 * out here: the widget gateway shows agents' typing from 'conversation.typing' itself.
 */
export function createTypingRelay(deps: {
  bus: EventBus;
  connections: { get(id: string): ConnectionRuntime | undefined };
  clock: () => Date;
}): TypingRelay {
  const lastProviderCall = new Map<string, number>();
  return {
    agentTyping({ workspaceId, conversationId, userId, on, route }) {
      deps.bus.emit('conversation.typing', { workspaceId, conversationId, who: 'agent', userId, on });
      const connection = route.connectionId ? deps.connections.get(route.connectionId) : undefined;
      if (!connection || !route.address || route.channelType === 'webchat' || !connection.capabilities.typingIndicator)
        return { forwarded: false };
      const now = deps.clock().getTime();
      const last = lastProviderCall.get(conversationId);
      if (last !== undefined && now - last < providerTypingIntervalMs) return { forwarded: false };
      if (lastProviderCall.size > 10_000)
        for (const [id, at] of lastProviderCall) if (now - at >= providerTypingIntervalMs) lastProviderCall.delete(id);
      lastProviderCall.set(conversationId, now);
      deps.bus.emit('bot.typing', { workspaceId, connectionId: connection.id, address: route.address, on });
      return { forwarded: true };
    },
  };
}
