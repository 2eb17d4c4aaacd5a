import type { DbOrTx } from '../../storage/index.ts';
import type { VerificationKind } from './create-verification.ts';
import { extractVerificationCode, verificationCodeMatches } from './verification-code.ts';

/** Wrong codes a single code survives; then it is dead and the customer needs a new one. */
export const maxCodeAttempts = 5;

export type VerificationStatus = 'verified' | 'wrong_code' | 'expired' | 'too_many_attempts' | 'not_sent';

export interface VerificationCheck {
  status: VerificationStatus;
  kind: VerificationKind;
  value: string;
  verificationId: string;
  contactId: string;
  /** This check moved the code to verified (false when a retried turn sees it verified already). */
  newlyVerified: boolean;
}

/**
 * Reads the customer's message against the conversation's latest code, in the caller's transaction:
 * counts a wrong code, retires an expired or exhausted one, marks a right one verified. Null when
 * there is no code to talk about or the message holds none (the bot then asks again, or resends).
 * A code already verified reads as verified again, so a retried turn gives the same answer.
 */
export async function checkVerificationCode(
  tx: DbOrTx,
  input: { workspaceId: string; conversationId: string; text: string; key: Buffer; now: Date },
): Promise<VerificationCheck | null> {
  const row = await tx
    .selectFrom('identity_verifications')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('conversation_id', '=', input.conversationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const nowIso = input.now.toISOString();
  const base = { kind: row.kind as VerificationKind, value: row.value, verificationId: row.id, contactId: row.contact_id };
  const result = (status: VerificationStatus, newlyVerified = false): VerificationCheck => ({ ...base, status, newlyVerified });
  const setStatus = async (status: string, attempts = row.attempts) =>
    tx
      .updateTable('identity_verifications')
      .set({ status, attempts, updated_at: nowIso })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', row.id)
      .execute();

  if (row.status === 'verified') return result('verified');
  if (row.status === 'failed') return result(row.attempts >= maxCodeAttempts ? 'too_many_attempts' : 'not_sent');
  const code = extractVerificationCode(input.text);
  if (code === null) return null;
  if (row.status === 'expired') return result('expired');
  if (row.expires_at <= nowIso) {
    await setStatus('expired');
    return result('expired');
  }
  if (verificationCodeMatches(input.key, row.id, code, row.code_hash)) {
    await setStatus('verified');
    return result('verified', true);
  }
  const attempts = row.attempts + 1;
  if (attempts >= maxCodeAttempts) {
    await setStatus('failed', attempts);
    return result('too_many_attempts');
  }
  await setStatus(row.status, attempts);
  return result('wrong_code');
}
