import { sql, type SqlBool } from 'kysely';
import type { InboxView } from '@fio/contracts';
import type { Principal } from '../../http/auth.ts';
import { loadRestrictedTeamIds } from '../../http/conversation-access.ts';
import type { DbOrTx } from '../../storage/index.ts';

/** What one caller may see, resolved once per request so every view and count filters alike. */
export interface InboxScope {
  workspaceId: string;
  userId: string | null;
  teamIds: string[];
  /** Restricted teams the caller is not in: their conversations are hidden unless assigned to the caller. */
  hiddenTeamIds: string[];
}

export async function loadInboxScope(db: DbOrTx, principal: Principal): Promise<InboxScope> {
  const seesAll = principal.role === 'admin' || principal.role === 'supervisor';
  const restricted = seesAll ? new Set<string>() : await loadRestrictedTeamIds(db, principal.workspaceId);
  return {
    workspaceId: principal.workspaceId,
    userId: principal.userId,
    teamIds: principal.teamIds,
    hiddenTeamIds: [...restricted].filter((id) => !principal.teamIds.includes(id)),
  };
}

/**
 * The conversations of one view that the scope may see, as a query to add filters, order and
 * selections to: canSeeConversation (http/conversation-access.ts) in SQL form. Working views leave
 * out snoozed and resolved conversations; a view that cannot hold anything for this caller (mine
 * for an API token) selects nothing.
 */
export function selectViewConversations(db: DbOrTx, scope: InboxScope, view: InboxView) {
  const { userId, teamIds, hiddenTeamIds } = scope;
  const working = view === 'mine' || view === 'unassigned' || view === 'my_teams' || view === 'all';
  return db
    .selectFrom('conversations as c')
    .where('c.workspace_id', '=', scope.workspaceId)
    .$if(hiddenTeamIds.length > 0, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('c.team_id', 'is', null),
          eb('c.team_id', 'not in', hiddenTeamIds),
          ...(userId ? [eb('c.assignee_id', '=', userId)] : []),
        ]),
      ),
    )
    .$if(working, (qb) => qb.where('c.status', '!=', 'resolved').where('c.snoozed_until', 'is', null).where('c.snoozed_for_reply', '=', 0))
    .$if(view === 'mine', (qb) => (userId ? qb.where('c.assignee_id', '=', userId) : qb.where(selectsNothing)))
    .$if(view === 'unassigned', (qb) => qb.where('c.status', '=', 'queued').where('c.assignee_id', 'is', null))
    .$if(view === 'my_teams', (qb) => (teamIds.length ? qb.where('c.team_id', 'in', teamIds) : qb.where(selectsNothing)))
    .$if(view === 'snoozed', (qb) =>
      qb
        .where('c.status', '!=', 'resolved')
        .where((eb) => eb.or([eb('c.snoozed_until', 'is not', null), eb('c.snoozed_for_reply', '=', 1)])),
    )
    .$if(view === 'resolved', (qb) => qb.where('c.status', '=', 'resolved'));
}

// A portable always-false condition (SQLite has no FALSE literal before 3.23).
const selectsNothing = sql<SqlBool>`1 = 0`;
