import type { FastifyBaseLogger as Logger } from 'fastify';
import { backoffDelayMs, LeaseLostError, type Job, type JobQueue } from '../jobs/job-queue.ts';
import type { Transact } from '../storage/index.ts';
import type { MailTransport } from './mail-transport.ts';

/** Attempts before a system e-mail is given up (logged with its link, so an admin can pass it on). */
const maxAttempts = 6;

export interface SystemMailDeps {
  transact: Transact;
  jobs: JobQueue;
  /** null without FIO_SMTP_URL: the link is logged at warn level instead (never silently dropped). */
  transport: MailTransport | null;
  from: string;
  clock: () => Date;
  log: Logger;
}

/** One `mail` job: an invite or a password reset, sent through the SMTP relay with retries. */
export async function sendSystemMail(deps: SystemMailDeps, job: Job): Promise<void> {
  const to = String(job.payload['to']);
  const kind = String(job.payload['kind']);
  const link = String(job.payload['link']);
  try {
    if (!deps.transport) {
      deps.log.warn({ kind, to, link }, 'FIO_SMTP_URL is not set: this e-mail was not sent; give the person this link');
    } else {
      try {
        await deps.transport.send({ from: deps.from, to, subject: String(job.payload['subject']), text: String(job.payload['text']) });
      } catch (err) {
        if (job.attempts < maxAttempts) {
          const delay = backoffDelayMs(job.attempts, { baseMs: 2_000, capMs: 5 * 60_000 });
          deps.log.warn({ err, kind, to, attempt: job.attempts }, 'sending a system e-mail failed; will retry');
          await deps.jobs.retryLater(job, new Date(deps.clock().getTime() + delay), err instanceof Error ? err.message : String(err));
          return;
        }
        deps.log.error({ err, kind, to, link }, 'a system e-mail could not be sent; give the person this link');
      }
    }
    // Completed, not buried: a dead job would keep the link's token in its payload.
    await deps.transact((tx) => deps.jobs.complete(tx, job));
  } catch (err) {
    if (!(err instanceof LeaseLostError)) throw err;
    deps.log.warn({ jobId: job.id }, 'mail job lease lost; leaving it to its current holder');
  }
}
