import { enqueueJobs } from '../../jobs/job-queue.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';
import { normalizeIdentity } from '../normalize-identity.ts';
import { generateVerificationCode, hashVerificationCode } from './verification-code.ts';

export type VerificationKind = 'email' | 'phone';
export type VerificationVia = 'email' | 'sms' | 'whatsapp';

/** How long a code is good for. */
export const verificationTtlMinutes = 10;
/** Codes a contact may be sent per hour: each one costs the business an SMS and lets a stranger spam an inbox. */
export const maxCodesPerHour = 3;

export interface CreateVerificationInput {
  workspaceId: string;
  contactId: string;
  conversationId: string;
  kind: VerificationKind;
  value: string;
  via?: VerificationVia | undefined;
  /** The conversation's language: the code's message is written in it. */
  language: string;
  key: Buffer;
  now: Date;
}

export type CreateVerificationResult =
  { ok: true; verificationId: string } | { ok: false; verificationId: string; reason: 'invalid_value' | 'rate_limited' };

/**
 * Issues a one-time code in the caller's transaction: the row (only the code's MAC) and the job that
 * sends it, so the code is never lost between the two and never exists anywhere but in that job until
 * it is sent. Earlier codes of the conversation stop counting. A code that cannot be issued (a value
 * that is no e-mail or phone, too many codes this hour) is still a row, `failed`: the next turn tells
 * the customer it was not sent.
 */
export async function createVerification(tx: DbOrTx, input: CreateVerificationInput): Promise<CreateVerificationResult> {
  const nowIso = input.now.toISOString();
  const id = newId('ver');
  await tx
    .updateTable('identity_verifications')
    .set({ status: 'expired', updated_at: nowIso })
    .where('workspace_id', '=', input.workspaceId)
    .where('conversation_id', '=', input.conversationId)
    .where('status', 'in', ['pending', 'sent'])
    .execute();

  const claim = normalizeIdentity({ kind: input.kind, value: input.value, verified: false });
  const hourAgo = new Date(input.now.getTime() - 3_600_000).toISOString();
  const issued = await tx
    .selectFrom('identity_verifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .where('created_at', '>=', hourAgo)
    .where('code_hash', '!=', '')
    .executeTakeFirst();
  const reason = !claim ? 'invalid_value' : Number(issued?.n ?? 0) >= maxCodesPerHour ? 'rate_limited' : null;

  const code = generateVerificationCode();
  await tx
    .insertInto('identity_verifications')
    .values({
      id,
      workspace_id: input.workspaceId,
      contact_id: input.contactId,
      conversation_id: input.conversationId,
      kind: input.kind,
      value: claim?.value ?? input.value.slice(0, 320),
      connection_id: null,
      // A refused code has no hash: nothing can ever match it, and it does not count against the hour.
      code_hash: reason === null ? hashVerificationCode(input.key, id, code) : '',
      attempts: 0,
      status: reason === null ? 'pending' : 'failed',
      expires_at: new Date(input.now.getTime() + verificationTtlMinutes * 60_000).toISOString(),
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  if (reason !== null) return { ok: false, verificationId: id, reason };

  await enqueueJobs(
    tx,
    [
      {
        workspaceId: input.workspaceId,
        queue: 'verification',
        conversationId: input.conversationId,
        payload: { verificationId: id, code, language: input.language, ...(input.via ? { via: input.via } : {}) },
      },
    ],
    nowIso,
  );
  return { ok: true, verificationId: id };
}
