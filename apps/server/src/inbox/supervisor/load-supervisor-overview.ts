import type { SupervisorOverview } from '@fio/contracts';
import type { DbOrTx } from '../../storage/index.ts';
import { loadInboxConversations } from '../list/load-inbox-conversations.ts';
import { readPresence, readRole } from './read-user-values.ts';
import { summariseQueues } from './summarise-queues.ts';

/** A conversation with a message this recent is "live": a supervisor may want to watch or join it. */
const liveWindowMs = 15 * 60_000;
const maxRows = 50;

/**
 * The supervisor's screen: who is working and how loaded, how long each queue has waited, which
 * conversations breached their SLA, and which are live now. For supervisors and admins, who see
 * every conversation, so nothing here filters by restricted teams.
 */
export async function loadSupervisorOverview(
  db: DbOrTx,
  input: { workspaceId: string; viewerUserId: string | null; now: Date },
): Promise<SupervisorOverview> {
  const { workspaceId, now } = input;
  const [users, memberships, openCounts, teams, queued, breachIds, liveIds] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'role', 'presence', 'presence_at', 'capacity'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'active')
      .where('role', '!=', 'bot_editor')
      .orderBy('name')
      .orderBy('id')
      .execute(),
    db.selectFrom('team_members').select(['user_id', 'team_id']).where('workspace_id', '=', workspaceId).execute(),
    db
      .selectFrom('conversations')
      .select(['assignee_id', (eb) => eb.fn.countAll<number | string>().as('open')])
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', 'is not', null)
      .where('status', '!=', 'resolved')
      .groupBy('assignee_id')
      .execute(),
    db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').execute(),
    db
      .selectFrom('conversations')
      .select(['team_id', 'queued_at', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'queued')
      .where('assignee_id', 'is', null)
      .where('snoozed_until', 'is', null)
      .where('snoozed_for_reply', '=', 0)
      .execute(),
    db
      .selectFrom('conversations as c')
      .select('c.id')
      .where('c.workspace_id', '=', workspaceId)
      .where('c.sla_state', '=', 'breached')
      .where('c.status', '!=', 'resolved')
      // Newest breach first: the latest breached timer, else the row's last change.
      .orderBy(
        (eb) =>
          eb.fn.coalesce(
            eb
              .selectFrom('sla_timers as s')
              .select((s) => s.fn.max('s.breached_at').as('at'))
              .whereRef('s.conversation_id', '=', 'c.id')
              .where('s.status', '=', 'breached')
              .$asScalar(),
            'c.updated_at',
          ),
        'desc',
      )
      .orderBy('c.id', 'desc')
      .limit(maxRows)
      .execute(),
    db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['bot', 'assigned'])
      .where('last_message_at', '>=', new Date(now.getTime() - liveWindowMs).toISOString())
      .orderBy('last_message_at', 'desc')
      .orderBy('id', 'desc')
      .limit(maxRows)
      .execute(),
  ]);

  const teamsOf = new Map<string, string[]>();
  for (const m of memberships) teamsOf.set(m.user_id, [...(teamsOf.get(m.user_id) ?? []), m.team_id]);
  const openOf = new Map(openCounts.map((r) => [r.assignee_id ?? '', Number(r.open)]));
  const [breaches, live] = await Promise.all([
    loadInboxConversations(
      db,
      workspaceId,
      breachIds.map((r) => r.id),
      input.viewerUserId,
    ),
    loadInboxConversations(
      db,
      workspaceId,
      liveIds.map((r) => r.id),
      input.viewerUserId,
    ),
  ]);
  return {
    agents: users.map((u) => ({
      userId: u.id,
      name: u.name,
      role: readRole(u.role),
      presence: readPresence(u.presence),
      presenceAt: u.presence_at,
      open: openOf.get(u.id) ?? 0,
      capacity: u.capacity,
      teamIds: teamsOf.get(u.id) ?? [],
    })),
    queues: summariseQueues(teams, queued, now),
    breaches,
    live,
  };
}
