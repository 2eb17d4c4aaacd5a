import type { Dialect, DbOrTx } from '../storage/index.ts';

export interface LockedAgent {
  id: string;
  role: string;
  status: string;
  presence: string;
  capacity: number;
  channelCapacity: Record<string, number>;
  skills: string[];
  teamIds: string[];
  /** Open conversations assigned to them now, in all and per reply channel type. */
  open: number;
  openByChannel: Record<string, number>;
}

/**
 * The agent and their load, read under a lock of their users row on PostgreSQL: every assignment to
 * them takes the same lock first, so two nodes that count the agent's open conversations at once
 * cannot both see room for one more. (Lock order everywhere: the agent, then the conversation.)
 */
export async function lockAgent(tx: DbOrTx, dialect: Dialect, workspaceId: string, userId: string): Promise<LockedAgent | null> {
  const user = await tx
    .selectFrom('users')
    .select(['id', 'role', 'status', 'presence', 'capacity', 'channel_capacity_json', 'skills_json'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  if (!user) return null;
  const load = await tx
    .selectFrom('conversations')
    .select(['reply_channel_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', '=', userId)
    .where('status', '=', 'assigned')
    .groupBy('reply_channel_type')
    .execute();
  const teams = await tx
    .selectFrom('team_members')
    .select('team_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  const openByChannel: Record<string, number> = {};
  let open = 0;
  for (const r of load) {
    open += Number(r.n);
    if (r.reply_channel_type) openByChannel[r.reply_channel_type] = Number(r.n);
  }
  return {
    id: user.id,
    role: user.role,
    status: user.status,
    presence: user.presence,
    capacity: user.capacity,
    channelCapacity: parseCounts(user.channel_capacity_json),
    skills: parseStrings(user.skills_json),
    teamIds: teams.map((t) => t.team_id),
    open,
    openByChannel,
  };
}

export function parseCounts(json: string): Record<string, number> {
  const value: unknown = JSON.parse(json);
  const out: Record<string, number> = {};
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

export function parseStrings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
