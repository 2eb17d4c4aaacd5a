import type { DbOrTx } from '../../storage/index.ts';
import type { CannedVariables } from './render-canned-response.ts';

/** The values a canned response may use for one conversation's customer and the agent writing. */
export async function loadCannedVariables(
  db: DbOrTx,
  workspaceId: string,
  contactId: string,
  agentName: string | null,
): Promise<CannedVariables> {
  const [contact, workspace] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['display_name', 'email', 'phone', 'attributes_json'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', contactId)
      .executeTakeFirst(),
    db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst(),
  ]);
  const attributes: unknown = contact ? JSON.parse(contact.attributes_json) : {};
  return {
    contact: {
      name: contact?.display_name ?? null,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      attributes: isRecord(attributes) ? attributes : {},
    },
    agent: { name: agentName },
    workspace: { name: workspace?.name ?? '' },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
