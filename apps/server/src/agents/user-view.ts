import type { UserView } from '@fio/contracts';
import type { DbOrTx, UsersTable } from '../storage/index.ts';
import type { Selectable } from 'kysely';
import { toRole } from './session.repository.ts';

type UserRow = Selectable<UsersTable>;

export function toUserView(row: UserRow, teamIds: string[]): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: toRole(row.role),
    status: row.status === 'invited' || row.status === 'disabled' ? row.status : 'active',
    locale: row.locale,
    capacity: row.capacity,
    channelCapacity: parseJson(row.channel_capacity_json, isNumberRecord, {}),
    skills: parseJson(row.skills_json, isStringArray, []),
    teamIds,
    presence: row.presence === 'online' || row.presence === 'away' ? row.presence : 'offline',
    presenceAt: row.presence_at,
    createdAt: row.created_at,
  };
}

/** Users of a workspace as the API shows them, with their teams, in the order of the rows given. */
export async function loadUserViews(db: DbOrTx, workspaceId: string, rows: UserRow[]): Promise<UserView[]> {
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('team_id')
    .execute();
  return rows.map((row) =>
    toUserView(
      row,
      memberships.filter((m) => m.user_id === row.id).map((m) => m.team_id),
    ),
  );
}

export async function getUserView(db: DbOrTx, workspaceId: string, userId: string): Promise<UserView | null> {
  const row = await db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', userId).executeTakeFirst();
  if (!row) return null;
  const [view] = await loadUserViews(db, workspaceId, [row]);
  return view ?? null;
}

function parseJson<T>(text: string, guard: (v: unknown) => v is T, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text);
    return guard(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isNumberRecord(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => Number.isInteger(x));
}
