import type { TeamRouting, TeamView } from '@fio/contracts';
import type { Selectable } from 'kysely';
import { AppError } from '../http/app-error.ts';
import { newId, type DbOrTx, type TeamsTable } from '../storage/index.ts';

export interface TeamInput {
  key: string;
  name: string;
  routing: TeamRouting;
  restricted: boolean;
  requiredSkills: string[];
}

type TeamRow = Selectable<TeamsTable>;

/** Teams of a workspace, by id, with their members; a page after `afterId`. */
export async function listTeams(db: DbOrTx, workspaceId: string, options: { afterId?: string; limit: number }): Promise<TeamView[]> {
  const rows = await db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(options.afterId !== undefined, (qb) => qb.where('id', '>', options.afterId ?? ''))
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return withMembers(db, workspaceId, rows);
}

export async function getTeam(db: DbOrTx, workspaceId: string, teamId: string): Promise<TeamView | null> {
  const row = await db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', teamId).executeTakeFirst();
  if (!row) return null;
  return (await withMembers(db, workspaceId, [row]))[0] ?? null;
}

export async function requireTeam(db: DbOrTx, workspaceId: string, teamId: string): Promise<TeamView> {
  const team = await getTeam(db, workspaceId, teamId);
  if (!team) throw new AppError('team_not_found', `no team ${teamId}`);
  return team;
}

export async function createTeam(db: DbOrTx, workspaceId: string, input: TeamInput, source: 'file' | 'api', now: Date): Promise<string> {
  const taken = await db
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (taken) throw new AppError('team_exists', `a team with the key ${input.key} exists already`, { teamId: taken.id });
  const id = newId('team');
  await db
    .insertInto('teams')
    .values({
      id,
      workspace_id: workspaceId,
      key: input.key,
      name: input.name,
      routing: input.routing,
      restricted: input.restricted ? 1 : 0,
      required_skills_json: JSON.stringify(input.requiredSkills),
      source,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function updateTeam(db: DbOrTx, workspaceId: string, teamId: string, patch: Partial<TeamInput>, now: Date): Promise<void> {
  if (patch.key !== undefined) {
    const taken = await db
      .selectFrom('teams')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', patch.key)
      .where('id', '!=', teamId)
      .executeTakeFirst();
    if (taken) throw new AppError('team_exists', `a team with the key ${patch.key} exists already`, { teamId: taken.id });
  }
  await db
    .updateTable('teams')
    .set({
      ...(patch.key !== undefined ? { key: patch.key } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.routing !== undefined ? { routing: patch.routing } : {}),
      ...(patch.restricted !== undefined ? { restricted: patch.restricted ? 1 : 0 } : {}),
      ...(patch.requiredSkills !== undefined ? { required_skills_json: JSON.stringify(patch.requiredSkills) } : {}),
      updated_at: now.toISOString(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .execute();
}

export async function deleteTeam(db: DbOrTx, workspaceId: string, teamId: string): Promise<void> {
  await db.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).execute();
  await db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', teamId).execute();
}

/** Replaces a team's members; every user must be of the workspace (else 404 user_not_found). */
export async function setTeamMembers(db: DbOrTx, workspaceId: string, teamId: string, userIds: string[], now: Date): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length > 0) {
    const found = await db.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', unique).execute();
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw new AppError('user_not_found', `no user ${missing.join(', ')}`, { userIds: missing });
  }
  await db.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).execute();
  if (unique.length > 0)
    await db
      .insertInto('team_members')
      .values(unique.map((userId) => ({ workspace_id: workspaceId, team_id: teamId, user_id: userId, created_at: now.toISOString() })))
      .execute();
}

/** Replaces a person's teams; every team must be of the workspace (else 404 team_not_found). */
export async function setUserTeams(db: DbOrTx, workspaceId: string, userId: string, teamIds: string[], now: Date): Promise<void> {
  const unique = [...new Set(teamIds)];
  if (unique.length > 0) {
    const found = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', unique).execute();
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw new AppError('team_not_found', `no team ${missing.join(', ')}`, { teamIds: missing });
  }
  await db.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  if (unique.length > 0)
    await db
      .insertInto('team_members')
      .values(unique.map((teamId) => ({ workspace_id: workspaceId, team_id: teamId, user_id: userId, created_at: now.toISOString() })))
      .execute();
}

async function withMembers(db: DbOrTx, workspaceId: string, rows: TeamRow[]): Promise<TeamView[]> {
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'team_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('user_id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    name: row.name,
    routing: toRouting(row.routing),
    restricted: row.restricted === 1,
    requiredSkills: parseSkills(row.required_skills_json),
    memberIds: members.filter((m) => m.team_id === row.id).map((m) => m.user_id),
    source: row.source === 'file' ? 'file' : 'api',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

function toRouting(value: string): TeamRouting {
  return value === 'least_busy' || value === 'manual' ? value : 'round_robin';
}

function parseSkills(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
