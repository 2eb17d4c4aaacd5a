import type { IdentityClaim } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createContactRepository, type Contact } from '../contact.repository.ts';
import { normalizeEmail, normalizePhone } from '../normalize-identity.ts';
import type { ProfileInput } from './check-profile-input.ts';
import { createContact } from './create-contact.ts';
import { parseContactsCsv, type ContactCsv, type CsvRowError } from './parse-contacts-csv.ts';
import type { FieldError, ProfileWriterDeps } from './profile-deps.ts';
import { updateContact } from './update-contact.ts';

export interface ImportContactsInput {
  workspaceId: string;
  text: string;
  /** The integration an `external_id` column belongs to; optional when the workspace has exactly one. */
  integration?: string | undefined;
  /** Checks and counts everything, then rolls it all back. */
  dryRun: boolean;
  /** Field meta and event source of the changes. */
  source: string;
  now: string;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because of an error (their errors are listed, up to `maxListedErrors`). */
  skipped: number;
  errors: CsvRowError[];
  dryRun: boolean;
}

export const importChunkRows = 500;
export const maxListedErrors = 1000;

interface RowInput {
  row: number;
  id?: string;
  externalId?: string;
  profile: ProfileInput;
  tags?: string[];
}

type RowOutcome = 'created' | 'updated' | 'unchanged' | FieldError[];

class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

/**
 * Imports contacts from CSV: each row updates the contact it names (by `id`, then external id, then
 * e-mail, then phone) or creates one. An empty cell leaves a field as it is. A row with an error is
 * skipped and reported `{ row, field, code, message }`; the others are imported, 500 per transaction.
 * A header that names an unknown column refuses the whole file before anything is written.
 */
export async function importContacts(
  deps: ProfileWriterDeps,
  input: ImportContactsInput,
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; errors: CsvRowError[] }> {
  const definition = deps.workspaces.get(input.workspaceId)?.definition;
  const parsed = parseContactsCsv(input.text, definition?.contactFields ?? []);
  if (!parsed.ok) return parsed;
  const csv = parsed.csv;
  let integration: string | null = null;
  if (csv.columns.some((c) => c.column.kind === 'external_id')) {
    const integrations = definition?.integrations ?? [];
    integration = input.integration ?? (integrations.length === 1 ? (integrations[0]?.id ?? null) : null);
    const known = integrations.some((i) => i.id === integration);
    if (!integration || !known)
      return {
        ok: false,
        errors: [
          {
            row: 1,
            field: 'external_id',
            code: 'unknown_integration',
            message: integration
              ? `no integration ${integration} in this workspace`
              : 'an external_id column needs ?integration=<id> (the CRM the ids belong to)',
          },
        ],
      };
  }
  const rows = csv.rows.map((r) => toRowInput(csv, r));
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [], dryRun: input.dryRun };
  const applyAll = async (tx: DbOrTx, chunk: RowInput[], into: ImportSummary) => {
    for (const row of chunk) count(into, row.row, await applyRow(tx, deps, input, integration, row));
  };
  if (input.dryRun) {
    try {
      await deps.transact(async (tx) => {
        await applyAll(tx, rows, summary);
        throw new DryRunRollback(summary);
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    return { ok: true, summary };
  }
  for (let start = 0; start < rows.length; start += importChunkRows) {
    const chunk = rows.slice(start, start + importChunkRows);
    // Counted only once the chunk is committed: a failed chunk must not report rows as imported.
    const fresh = (): ImportSummary => ({ ...summary, created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    let part = fresh();
    const attempt = () => deps.transact((tx) => applyAll(tx, chunk, part));
    try {
      await attempt();
    } catch {
      // A concurrent writer took an e-mail or phone first (a unique index refused a row): once more,
      // now seeing theirs; if it fails again, the chunk's rows are reported as not imported.
      part = fresh();
      try {
        await attempt();
      } catch (err) {
        deps.log?.error({ err, firstRow: chunk[0]?.row }, 'a chunk of a contact import could not be stored');
        part = fresh();
        const message = 'not imported: the database refused this part of the file; import it again';
        for (const r of chunk) count(part, r.row, [{ field: '', code: 'not_imported', message }]);
      }
    }
    summary.created += part.created;
    summary.updated += part.updated;
    summary.unchanged += part.unchanged;
    summary.skipped += part.skipped;
    summary.errors.push(...part.errors.slice(0, maxListedErrors - summary.errors.length));
  }
  return { ok: true, summary };
}

function count(summary: ImportSummary, row: number, outcome: RowOutcome): void {
  if (typeof outcome === 'string') {
    summary[outcome]++;
    return;
  }
  summary.skipped++;
  for (const e of outcome)
    if (summary.errors.length < maxListedErrors) summary.errors.push({ row, field: e.field, code: e.code, message: e.message });
}

function toRowInput(csv: ContactCsv, r: ContactCsv['rows'][number]): RowInput {
  const input: RowInput = { row: r.row, profile: {} };
  const attributes: Record<string, unknown> = {};
  csv.columns.forEach(({ column }, i) => {
    const cell = r.cells[i] ?? '';
    if (cell === '') return;
    switch (column.kind) {
      case 'id':
        input.id = cell;
        break;
      case 'external_id':
        input.externalId = cell;
        break;
      case 'profile':
        input.profile[column.key] = cell;
        break;
      case 'tags':
        input.tags = cell.split(';');
        break;
      case 'attribute':
        attributes[column.key] = cell;
        break;
      case 'ignored':
        break;
    }
  });
  if (Object.keys(attributes).length > 0) input.profile.attributes = attributes;
  return input;
}

async function applyRow(
  tx: DbOrTx,
  deps: ProfileWriterDeps,
  input: ImportContactsInput,
  integration: string | null,
  row: RowInput,
): Promise<RowOutcome> {
  const repo = createContactRepository(tx, input.workspaceId);
  const external: IdentityClaim | null =
    row.externalId && integration ? { kind: 'external', value: `${integration}:${row.externalId}`, verified: true } : null;
  const target = await findTarget(repo, row, external);
  if (!target.ok) return [target.error];
  const common = {
    workspaceId: input.workspaceId,
    verified: true,
    source: input.source,
    identitySource: 'import' as const,
    now: input.now,
  };
  if (!target.contact) {
    const created = await createContact(tx, deps, {
      ...common,
      profile: row.profile,
      tags: row.tags,
      identities: external ? [external] : [],
    });
    return created.ok ? 'created' : created.errors;
  }
  const contactId = target.contact.id;
  const externalHolder = external ? (await repo.findIdentities([external]))[0] : undefined;
  if (external && externalHolder && externalHolder.contactId !== contactId)
    return [
      {
        field: 'external_id',
        code: 'identity_taken',
        message: `external id ${row.externalId} belongs to contact ${externalHolder.contactId}`,
      },
    ];
  const updated = await updateContact(tx, deps, {
    ...common,
    contactId,
    profile: row.profile,
    ...(row.tags ? { tags: { set: row.tags } } : {}),
    whenIdentityTaken: 'refuse',
  });
  if (!updated.ok) return updated.errors;
  if (external && !externalHolder) {
    await repo.addIdentities(contactId, [external], input.now, 'import');
    await appendEvents(tx, [
      {
        workspaceId: input.workspaceId,
        type: 'contact.identity_added',
        contactId,
        payload: { identity: { kind: external.kind, value: external.value, verified: true }, source: 'import' },
        occurredAt: input.now,
      },
    ]);
    return 'updated';
  }
  return updated.changed.length > 0 ? 'updated' : 'unchanged';
}

/** The contact a row names: its id, else the holder of its external id, e-mail or phone (in that order). */
async function findTarget(
  repo: ReturnType<typeof createContactRepository>,
  row: RowInput,
  external: IdentityClaim | null,
): Promise<{ ok: true; contact: Contact | null } | { ok: false; error: FieldError }> {
  if (row.id) {
    const contact = await repo.getFollowingMerges(row.id);
    return contact
      ? { ok: true, contact }
      : { ok: false, error: { field: 'id', code: 'contact_not_found', message: `no contact ${row.id}` } };
  }
  const email = typeof row.profile.email === 'string' ? normalizeEmail(row.profile.email) : null;
  const phone = typeof row.profile.phone === 'string' ? normalizePhone(row.profile.phone) : null;
  const claims: IdentityClaim[] = [
    ...(external ? [external] : []),
    ...(email ? [{ kind: 'email' as const, value: email, verified: true }] : []),
    ...(phone ? [{ kind: 'phone' as const, value: phone, verified: true }] : []),
  ];
  const held = await repo.findIdentities(claims);
  const holder = claims.map((c) => held.find((h) => h.kind === c.kind && h.value === c.value)).find((h) => h !== undefined);
  return { ok: true, contact: holder ? await repo.getFollowingMerges(holder.contactId) : null };
}
