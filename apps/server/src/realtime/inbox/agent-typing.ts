import type { Db } from '../../storage/index.ts';

/** An agent typing (or stopping) in a conversation, with where its customer is answered. */
export interface AgentTypingInput {
  workspaceId: string;
  conversationId: string;
  userId: string | null;
  on: boolean;
  route: { connectionId: string | null; channelType: string | null; address: string | null };
}

/** The inbox module's typing relay (inbox/conversation/create-typing-relay.ts): bus, and provider channels. */
export interface TypingRelayPort {
  agentTyping(input: AgentTypingInput): unknown;
}

export interface AgentTyping {
  /** An agent started or stopped typing in a conversation they may act on (the caller checked). */
  forward(workspaceId: string, conversationId: string, userId: string, on: boolean): Promise<void>;
  /** Forgets throttle marks older than a minute (called by the gateway's heartbeat). */
  prune(): void;
}

const repeatMs = 2_000;

/**
 * The inbox sends a typing frame per keystroke burst; the same state of the same person in the same
 * conversation is passed to the relay at most every 2 s, so other inboxes are not flooded. The relay
 * tells the other people (bus) and the customer (the widget gateway, or the provider channel).
 */
export function createAgentTyping(deps: { db: Db; relay: TypingRelayPort; now?: () => number }): AgentTyping {
  const now = deps.now ?? Date.now;
  const last = new Map<string, { on: boolean; at: number }>();
  return {
    async forward(workspaceId, conversationId, userId, on) {
      const key = `${conversationId}\u0000${userId}`;
      const previous = last.get(key);
      const at = now();
      if (previous && previous.on === on && at - previous.at < repeatMs) return;
      last.set(key, { on, at });
      const route = await deps.db
        .selectFrom('conversations')
        .select(['reply_connection_id', 'reply_channel_type', 'reply_address'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', conversationId)
        .executeTakeFirst();
      deps.relay.agentTyping({
        workspaceId,
        conversationId,
        userId,
        on,
        route: {
          connectionId: route?.reply_connection_id ?? null,
          channelType: route?.reply_channel_type ?? null,
          address: route?.reply_address ?? null,
        },
      });
    },
    prune() {
      const oldest = now() - 60_000;
      for (const [key, mark] of last) if (mark.at < oldest) last.delete(key);
    },
  };
}
