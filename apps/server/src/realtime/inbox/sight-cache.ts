import type { Db } from '../../storage/index.ts';

export interface ConversationSight {
  contactId: string;
  teamId: string | null;
  assigneeId: string | null;
}

export interface SightCache {
  /**
   * The workspace's restricted teams, at most `restrictedTtlMs` old (a team made restricted takes effect
   * within it); read again at once when `teamId` is a team not seen yet (a new team may be restricted).
   */
  restrictedTeamIds(workspaceId: string, teamId?: string | null): Promise<ReadonlySet<string>>;
  /** Who holds the conversation (team, assignee), at most `conversationTtlMs` old; null when it does not exist. */
  conversation(workspaceId: string, conversationId: string): Promise<ConversationSight | null>;
  /** Records what a fresh load found; answers what was known before (null: nothing), to tell who lost sight. */
  remember(workspaceId: string, conversationId: string, sight: ConversationSight): ConversationSight | null;
}

/**
 * Every live frame about a conversation must reach exactly those who may see it; loading the team
 * and assignee for each frame would cost a query per message, so they are kept a few seconds, and
 * every conversation change refreshes them at once (remember).
 */
export function createSightCache(deps: {
  db: Db;
  now?: () => number;
  restrictedTtlMs?: number;
  conversationTtlMs?: number;
  maxConversations?: number;
}): SightCache {
  const now = deps.now ?? Date.now;
  const restrictedTtlMs = deps.restrictedTtlMs ?? 3_000;
  const conversationTtlMs = deps.conversationTtlMs ?? 5_000;
  const maxConversations = deps.maxConversations ?? 20_000;
  const restricted = new Map<string, { ids: ReadonlySet<string>; known: ReadonlySet<string>; until: number }>();
  // Insertion order is recency: a hit re-inserts, the oldest is evicted first.
  const conversations = new Map<string, { sight: ConversationSight; until: number }>();
  const key = (workspaceId: string, conversationId: string) => `${workspaceId}\u0000${conversationId}`;

  const store = (k: string, sight: ConversationSight) => {
    conversations.delete(k);
    conversations.set(k, { sight, until: now() + conversationTtlMs });
    if (conversations.size > maxConversations) {
      const oldest = conversations.keys().next();
      if (!oldest.done) conversations.delete(oldest.value);
    }
  };

  return {
    async restrictedTeamIds(workspaceId, teamId) {
      const hit = restricted.get(workspaceId);
      if (hit && hit.until > now() && (!teamId || hit.known.has(teamId))) return hit.ids;
      const teams = await deps.db.selectFrom('teams').select(['id', 'restricted']).where('workspace_id', '=', workspaceId).execute();
      const ids = new Set(teams.filter((t) => Number(t.restricted) === 1).map((t) => t.id));
      restricted.set(workspaceId, { ids, known: new Set(teams.map((t) => t.id)), until: now() + restrictedTtlMs });
      return ids;
    },

    async conversation(workspaceId, conversationId) {
      const k = key(workspaceId, conversationId);
      const hit = conversations.get(k);
      if (hit && hit.until > now()) return hit.sight;
      const row = await deps.db
        .selectFrom('conversations')
        .select(['contact_id', 'team_id', 'assignee_id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', conversationId)
        .executeTakeFirst();
      if (!row) return null;
      const sight = { contactId: row.contact_id, teamId: row.team_id ?? null, assigneeId: row.assignee_id ?? null };
      store(k, sight);
      return sight;
    },

    remember(workspaceId, conversationId, sight) {
      const k = key(workspaceId, conversationId);
      const before = conversations.get(k)?.sight ?? null;
      store(k, sight);
      return before;
    },
  };
}
