import { appendEvents } from '../events/event-log.ts';
import type { DbOrTx, Transact } from '../storage/index.ts';
import type { TeamDefinition } from '../workspace/workspace.schema.ts';
import { createTeam, updateTeam } from './team.repository.ts';

/**
 * workspace.yaml `teams:` is the truth for file-managed teams: each key is created or updated, and
 * file teams whose key left the file are deleted (with their memberships). Members are never touched
 * here: people are added to teams in the inbox. Teams made through the API are left alone, unless the
 * file now declares their key (then the file takes them over).
 */
export async function syncFileTeams(
  transact: Transact,
  workspaceId: string,
  declared: TeamDefinition[] | undefined,
  defaultLanguage: string,
  now: Date,
): Promise<void> {
  if (!declared) return;
  await transact(async (tx: DbOrTx) => {
    const existing = await tx.selectFrom('teams').select(['id', 'key', 'source']).where('workspace_id', '=', workspaceId).execute();
    const events: Parameters<typeof appendEvents>[1] = [];
    for (const team of declared) {
      const input = {
        key: team.key,
        name: teamName(team, defaultLanguage),
        routing: team.routing,
        restricted: team.restricted,
        requiredSkills: team.requiredSkills,
      };
      const found = existing.find((e) => e.key === team.key);
      if (found) {
        await updateTeam(tx, workspaceId, found.id, input, now);
        if (found.source !== 'file') await tx.updateTable('teams').set({ source: 'file' }).where('id', '=', found.id).execute();
      } else {
        const id = await createTeam(tx, workspaceId, input, 'file', now);
        events.push({
          workspaceId,
          type: 'team.created',
          payload: { teamId: id, key: team.key, source: 'file' },
          occurredAt: now.toISOString(),
        });
      }
    }
    const keys = new Set(declared.map((t) => t.key));
    for (const gone of existing.filter((e) => e.source === 'file' && !keys.has(e.key))) {
      await tx.deleteFrom('team_members').where('workspace_id', '=', workspaceId).where('team_id', '=', gone.id).execute();
      await tx.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', gone.id).execute();
      events.push({
        workspaceId,
        type: 'team.deleted',
        payload: { teamId: gone.id, key: gone.key, source: 'file' },
        occurredAt: now.toISOString(),
      });
    }
    await appendEvents(tx, events);
  });
}

function teamName(team: TeamDefinition, defaultLanguage: string): string {
  if (typeof team.name === 'string') return team.name;
  const texts: Record<string, string | undefined> = team.name;
  return texts[defaultLanguage] ?? Object.values(texts).find((t) => t !== undefined) ?? team.key;
}
