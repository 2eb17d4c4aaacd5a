import type { Priority, TeamRouting } from '@fio/contracts';
import { appendEvents } from '../events/event-log.ts';
import { backoffDelayMs, LeaseLostError, type Job } from '../jobs/job-queue.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { lockAgent, parseCounts, parseStrings } from './lock-agent.ts';
import { agentFits, compareWaiting, pickAgent, type RoutingAgent, type RoutingTeam, type WaitingConversation } from './pick-agent.ts';
import { publishChanges } from './publish-changes.ts';

/** How many waiting conversations one pass looks at (the rest wait for the next pass). */
const passSize = 500;
/** Roles that take customers' conversations; bot editors never do. */
const answeringRoles = ['agent', 'supervisor', 'admin'];
const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const routings: readonly TeamRouting[] = ['round_robin', 'least_busy', 'manual'];

/** The 'routing' queue's job: one pass over the workspace's queue; a failed pass is retried with back-off. */
export async function runRoutingJob(deps: HandoffDeps, job: Job): Promise<void> {
  try {
    await routeWaitingConversations(deps, job.workspaceId);
    await deps.transact((tx) => deps.jobs.complete(tx, job));
  } catch (err) {
    if (err instanceof LeaseLostError) return;
    deps.log.warn({ err, jobId: job.id }, 'routing pass failed; will retry');
    await deps.jobs.retryLater(
      job,
      new Date(deps.clock().getTime() + backoffDelayMs(job.attempts, { baseMs: 500, capMs: 30_000 })),
      String(err),
    );
  }
}

/**
 * One routing pass: the workspace's waiting conversations (not snoozed), most urgent and then longest
 * waiting first, each offered to the agent its team's rule picks among those who fit (online, active,
 * in the team, with its skills and the customer's language, under capacity). Every assignment is its
 * own transaction that re-checks the agent's load under their row lock and takes the conversation only
 * if it is still queued and unassigned, so passes on several nodes and people taking conversations by
 * hand never give one conversation to two agents nor an agent more than their capacity.
 * Returns how many conversations were assigned.
 */
export async function routeWaitingConversations(deps: HandoffDeps, workspaceId: string): Promise<number> {
  const waiting = await loadWaiting(deps.db, workspaceId);
  if (waiting.length === 0) return 0;
  const { agents, teams, workspaceLanguageSkilled } = await loadAgentsAndTeams(deps.db, workspaceId);
  if (agents.length === 0) return 0;
  const nowIso = deps.clock().toISOString();
  let assigned = 0;
  for (const conversation of waiting) {
    const team = conversation.teamId ? (teams.get(conversation.teamId) ?? null) : null;
    const languageSkilled = team ? team.languageSkilled : workspaceLanguageSkilled;
    const refused = new Set<string>();
    for (;;) {
      const agent = pickAgent(
        conversation,
        team,
        agents.filter((a) => !refused.has(a.id)),
        languageSkilled,
      );
      if (!agent) break;
      const outcome = await deps.transact((tx) => tryAssign(tx, deps, workspaceId, conversation, team, agent, languageSkilled, nowIso));
      if (outcome.result === 'assigned') {
        assigned++;
        // In-pass order breaks ties between agents assigned at the same instant (a fixed clock in tests).
        agent.lastAssignedAt = `${nowIso}#${String(assigned).padStart(6, '0')}`;
        agent.open++;
        if (conversation.channelType)
          agent.openByChannel = {
            ...agent.openByChannel,
            [conversation.channelType]: (agent.openByChannel[conversation.channelType] ?? 0) + 1,
          };
        publishChanges(deps, [{ workspaceId, conversationId: conversation.id, contactId: outcome.contactId, status: 'assigned' }]);
        break;
      }
      if (outcome.result === 'taken') break;
      // The agent's load moved since the pass read it (another node, a manual assignment): ask the next one.
      refused.add(agent.id);
    }
  }
  return assigned;
}

type AssignOutcome = { result: 'assigned'; contactId: string } | { result: 'taken' } | { result: 'agent_unfit' };

async function tryAssign(
  tx: DbOrTx,
  deps: HandoffDeps,
  workspaceId: string,
  conversation: WaitingConversation,
  team: RoutingTeam | null,
  agent: RoutingAgent,
  languageSkilled: boolean,
  nowIso: string,
): Promise<AssignOutcome> {
  const locked = await lockAgent(tx, deps.dialect, workspaceId, agent.id);
  if (!locked || locked.status !== 'active' || locked.presence !== 'online') return { result: 'agent_unfit' };
  const current: RoutingAgent = { ...agent, ...locked, lastAssignedAt: agent.lastAssignedAt };
  if (!agentFits(current, conversation, team, languageSkilled)) return { result: 'agent_unfit' };
  const row = await tx
    .updateTable('conversations')
    .set({ status: 'assigned', assignee_id: agent.id, assigned_at: nowIso, updated_at: nowIso })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversation.id)
    .where('status', '=', 'queued')
    .where('assignee_id', 'is', null)
    .returning(['contact_id', 'team_id'])
    .executeTakeFirst();
  if (!row) return { result: 'taken' };
  await tx.updateTable('users').set({ last_assigned_at: nowIso }).where('id', '=', agent.id).execute();
  const base = {
    workspaceId: workspaceId,
    conversationId: conversation.id,
    contactId: row.contact_id,
    occurredAt: nowIso,
  };
  await appendEvents(tx, [
    { ...base, type: 'conversation.status_changed', payload: { from: 'queued', to: 'assigned', by: 'routing' } },
    { ...base, type: 'agent.assigned', payload: { userId: agent.id, teamId: row.team_id ?? null, by: 'routing', previousUserId: null } },
  ]);
  return { result: 'assigned', contactId: row.contact_id };
}

async function loadWaiting(db: DbOrTx, workspaceId: string): Promise<WaitingConversation[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'team_id', 'priority', 'language', 'reply_channel_type', 'queued_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'queued')
    .where('assignee_id', 'is', null)
    .where('snoozed_until', 'is', null)
    .where('snoozed_for_reply', '=', 0)
    .orderBy('queued_at')
    .limit(passSize)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      teamId: r.team_id ?? null,
      priority: priorities.find((p) => p === r.priority) ?? 'normal',
      language: r.language ?? null,
      channelType: r.reply_channel_type,
      queuedAt: r.queued_at ?? null,
    }))
    .sort(compareWaiting);
}

/**
 * The agents who could take work now with their load, and the teams with their rules. Whether the
 * language is a condition is decided per pool from every member's skills, online or not: a team that
 * declares languages at all means "only those who speak it", even when none of them is on duty.
 */
async function loadAgentsAndTeams(db: DbOrTx, workspaceId: string) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'presence', 'capacity', 'channel_capacity_json', 'skills_json', 'last_assigned_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .execute();
  const members = await db.selectFrom('team_members').select(['team_id', 'user_id']).where('workspace_id', '=', workspaceId).execute();
  const teamRows = await db
    .selectFrom('teams')
    .select(['id', 'routing', 'required_skills_json'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const teamsOf = new Map<string, string[]>();
  for (const m of members) teamsOf.set(m.user_id, [...(teamsOf.get(m.user_id) ?? []), m.team_id]);
  const skillsOf = new Map(users.map((u) => [u.id, parseStrings(u.skills_json)]));
  const declaresLanguage = (userId: string) => (skillsOf.get(userId) ?? []).some((s) => s.toLowerCase().startsWith('language:'));

  const available = users.filter((u) => u.presence === 'online' && answeringRoles.includes(u.role));
  const load = new Map<string, { open: number; byChannel: Record<string, number> }>();
  if (available.length > 0) {
    const rows = await db
      .selectFrom('conversations')
      .select(['assignee_id', 'reply_channel_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'assigned')
      .where(
        'assignee_id',
        'in',
        available.map((u) => u.id),
      )
      .groupBy(['assignee_id', 'reply_channel_type'])
      .execute();
    for (const r of rows) {
      if (!r.assignee_id) continue;
      const entry = load.get(r.assignee_id) ?? { open: 0, byChannel: {} };
      entry.open += Number(r.n);
      if (r.reply_channel_type) entry.byChannel[r.reply_channel_type] = Number(r.n);
      load.set(r.assignee_id, entry);
    }
  }
  const agents: RoutingAgent[] = available.map((u) => ({
    id: u.id,
    skills: skillsOf.get(u.id) ?? [],
    capacity: u.capacity,
    channelCapacity: parseCounts(u.channel_capacity_json),
    open: load.get(u.id)?.open ?? 0,
    openByChannel: load.get(u.id)?.byChannel ?? {},
    lastAssignedAt: u.last_assigned_at,
    teamIds: teamsOf.get(u.id) ?? [],
  }));
  const teams = new Map<string, RoutingTeam>(
    teamRows.map((t) => [
      t.id,
      {
        id: t.id,
        routing: routings.find((r) => r === t.routing) ?? 'round_robin',
        requiredSkills: parseStrings(t.required_skills_json),
        languageSkilled: members.some((m) => m.team_id === t.id && declaresLanguage(m.user_id)),
      },
    ]),
  );
  return { agents, teams, workspaceLanguageSkilled: users.some((u) => declaresLanguage(u.id)) };
}
