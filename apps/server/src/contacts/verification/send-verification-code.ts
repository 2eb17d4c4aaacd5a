import type { FastifyBaseLogger as Logger } from 'fastify';
import { ChannelError, type SendContext } from '@fio/channel-kit';
import type { ChannelType, MessageView } from '@fio/contracts';
import { appendEvents } from '../../events/event-log.ts';
import { backoffDelayMs, LeaseLostError, type Job, type JobQueue } from '../../jobs/job-queue.ts';
import type { ConnectionRegistry, ConnectionRuntime } from '../../channels/connection-registry.ts';
import type { WorkspaceRegistry } from '../../workspace-registry.ts';
import type { Db, Transact } from '../../storage/index.ts';
import { maskIdentity } from './mask-identity.ts';
import { verificationTtlMinutes, type VerificationKind, type VerificationVia } from './create-verification.ts';
import { verificationText } from './verification-text.ts';

/** Sends tried before the code is given up as not sent (the customer is told on their next message). */
const maxSendAttempts = 3;

export interface VerificationSenderDeps {
  db: Db;
  transact: Transact;
  jobs: JobQueue;
  connections: ConnectionRegistry;
  workspaces: WorkspaceRegistry;
  clock: () => Date;
  log: Logger;
  /** The app's SendContext for a connection (fetch, clock, realtime push). */
  sendContextFor: (connection: ConnectionRuntime) => SendContext<unknown, unknown>;
}

/**
 * One `verification` job: sends the code through a connection of the workspace of the right kind
 * (e-mail codes by e-mail; phone codes by SMS, else WhatsApp, unless the flow named `via`). Sent or
 * given up, the job finishes in the same transaction as the row's new status, and a finished job is
 * deleted, so the code's plain text is gone from the database once it has been handed to the channel.
 */
export async function sendVerificationCode(deps: VerificationSenderDeps, job: Job): Promise<void> {
  try {
    await send(deps, job);
  } catch (err) {
    if (!(err instanceof LeaseLostError)) throw err;
    deps.log.warn({ jobId: job.id }, 'verification job lease lost; leaving it to its current holder');
  }
}

async function send(deps: VerificationSenderDeps, job: Job): Promise<void> {
  const ws = job.workspaceId;
  const verificationId = String(job.payload['verificationId']);
  const row = await deps.db
    .selectFrom('identity_verifications')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('id', '=', verificationId)
    .executeTakeFirst();
  const now = deps.clock();
  if (!row || row.status !== 'pending' || row.expires_at <= now.toISOString()) {
    // Replaced by a newer code, or too late to matter: nothing to send.
    await deps.transact((tx) => deps.jobs.complete(tx, job));
    return;
  }
  const kind = row.kind as VerificationKind;
  const via = parseVia(job.payload['via']);
  const connection = pickConnection(deps.connections, ws, kind, via);
  if (!connection) {
    await giveUp(deps, job, row.id, `no ${via ?? (kind === 'email' ? 'email' : 'sms or whatsapp')} connection in the workspace`);
    return;
  }
  const workspace = deps.workspaces.get(ws)?.definition;
  const language = typeof job.payload['language'] === 'string' ? job.payload['language'] : (workspace?.defaultLanguage ?? 'pt-BR');
  const text = verificationText(language, workspace?.name ?? 'Fio', String(job.payload['code']), verificationTtlMinutes);
  const address = kind === 'phone' && connection.type === 'whatsapp' ? row.value.replace(/^\+/, '') : row.value;
  const messageId = `msg_${row.id.replace(/^ver_/, '')}`;
  const view: MessageView = {
    id: messageId,
    conversationId: row.conversation_id ?? '',
    seq: 0,
    direction: 'outbound',
    author: 'system',
    channelType: connection.type,
    connectionId: connection.id,
    content: { kind: 'text', text },
    text,
    providerMessageId: null,
    status: 'pending',
    error: null,
    createdAt: now.toISOString(),
  };
  try {
    await connection.adapter.sendMessage(
      { messageId, conversationId: view.conversationId, recipient: { address }, content: view.content, view, author: 'system' },
      deps.sendContextFor(connection),
    );
  } catch (err) {
    const retryable = err instanceof ChannelError ? err.retryable : true;
    const reason = err instanceof Error ? err.message : String(err);
    if (retryable && job.attempts < maxSendAttempts) {
      const delay = backoffDelayMs(job.attempts, { baseMs: 1_000, capMs: 30_000 });
      deps.log.warn({ err, jobId: job.id, attempt: job.attempts }, 'sending a verification code failed; will retry');
      await deps.jobs.retryLater(job, new Date(now.getTime() + delay), reason);
      return;
    }
    await giveUp(deps, job, row.id, reason);
    return;
  }
  const sentAt = deps.clock().toISOString();
  await deps.transact(async (tx) => {
    await tx
      .updateTable('identity_verifications')
      .set({ status: 'sent', connection_id: connection.id, updated_at: sentAt })
      .where('workspace_id', '=', ws)
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .execute();
    await appendEvents(tx, [
      {
        workspaceId: ws,
        type: 'contact.verification_sent',
        contactId: row.contact_id,
        ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
        // Never the code: only where it went.
        payload: {
          verificationId: row.id,
          kind,
          to: maskIdentity(kind, row.value),
          channelType: connection.type,
          connectionId: connection.id,
        },
        occurredAt: sentAt,
      },
    ]);
    await deps.jobs.complete(tx, job);
  });
}

async function giveUp(deps: VerificationSenderDeps, job: Job, verificationId: string, reason: string): Promise<void> {
  deps.log.warn({ jobId: job.id, verificationId, reason }, 'verification code not sent');
  const now = deps.clock().toISOString();
  await deps.transact(async (tx) => {
    await tx
      .updateTable('identity_verifications')
      .set({ status: 'failed', updated_at: now })
      .where('workspace_id', '=', job.workspaceId)
      .where('id', '=', verificationId)
      .where('status', '=', 'pending')
      .execute();
    // Completed, not buried: a dead job would keep the code in its payload.
    await deps.jobs.complete(tx, job);
  });
}

function pickConnection(
  connections: ConnectionRegistry,
  workspaceId: string,
  kind: VerificationKind,
  via: VerificationVia | undefined,
): ConnectionRuntime | undefined {
  const order: ChannelType[] = via ? [via] : kind === 'email' ? ['email'] : ['sms', 'whatsapp'];
  const own = connections.all().filter((c) => c.workspaceId === workspaceId);
  for (const type of order) {
    const found = own.find((c) => c.type === type);
    if (found) return found;
  }
  return undefined;
}

function parseVia(value: unknown): VerificationVia | undefined {
  return value === 'email' || value === 'sms' || value === 'whatsapp' ? value : undefined;
}
