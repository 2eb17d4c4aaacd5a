import type { MessageTemplate, SendContext } from '@fio/channel-kit';
import type { WhatsAppConfig, WhatsAppSecrets } from '../definition.ts';
import { getApprovedTemplates, type TemplatesPage } from './whatsapp-api-client.ts';

/** A business has a few dozen templates; past this many pages something is looping. */
const maxPages = 10;

/**
 * The connection's approved templates: Graph's message_templates of the WhatsApp Business Account
 * (`businessAccountId`; the phone number id when it is not configured, which the emulator accepts),
 * pages followed. Meta's language codes (pt_BR) become BCP 47 (pt-BR), as the template content carries
 * them; the BODY component is the text shown, and the parameter count is its highest {{n}} (or the number
 * of distinct {{name}} placeholders for named templates).
 */
export async function listMessageTemplates(ctx: SendContext<WhatsAppConfig, WhatsAppSecrets>): Promise<MessageTemplate[]> {
  const conn = {
    apiBaseUrl: ctx.config.apiBaseUrl,
    apiVersion: ctx.config.apiVersion,
    accessToken: ctx.secrets.accessToken,
    fetch: ctx.fetch,
    now: ctx.now(),
  };
  const accountId = ctx.config.businessAccountId ?? ctx.config.phoneNumberId;
  const templates: MessageTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer: TemplatesPage = await getApprovedTemplates(conn, accountId, after);
    for (const t of answer.data) {
      if (t.status !== undefined && t.status !== 'APPROVED') continue;
      const body = t.components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '';
      templates.push({
        name: t.name,
        language: t.language.replace('_', '-'),
        category: t.category ?? null,
        body,
        parameterCount: countParameters(body),
      });
    }
    after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return templates;
}

export function countParameters(body: string): number {
  const names = [...body.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1] ?? '');
  const positions = names.filter((n) => /^\d+$/.test(n)).map(Number);
  return positions.length === names.length ? Math.max(0, ...positions) : new Set(names).size;
}
