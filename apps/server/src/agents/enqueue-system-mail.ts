import { enqueueJobs } from '../jobs/job-queue.ts';
import type { DbOrTx } from '../storage/index.ts';
import type { SystemMailKind, SystemMailText } from './system-mail-text.ts';

export interface SystemMailPayload {
  kind: SystemMailKind;
  userId: string;
  to: string;
  subject: string;
  text: string;
  /** The link inside the text: logged instead when no SMTP relay is configured. */
  link: string;
}

/**
 * Writes the `mail` job in the caller's transaction (with the invite or reset it announces). The job
 * is deleted once sent, so the link's token does not stay in the database in plain text.
 */
export async function enqueueSystemMail(
  tx: DbOrTx,
  input: { workspaceId: string; userId: string; kind: SystemMailKind; to: string; mail: SystemMailText; link: string },
  now: Date,
): Promise<void> {
  const payload: SystemMailPayload = {
    kind: input.kind,
    userId: input.userId,
    to: input.to,
    subject: input.mail.subject,
    text: input.mail.text,
    link: input.link,
  };
  await enqueueJobs(
    tx,
    [{ workspaceId: input.workspaceId, queue: 'mail', conversationId: `mail:${input.userId}`, payload: { ...payload } }],
    now.toISOString(),
  );
}
