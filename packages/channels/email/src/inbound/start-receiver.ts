import type { ReceiverContext, RunningReceiver } from '@fio/channel-kit';
import type { EmailConfig, EmailSecrets } from '../definition.ts';
import { startImapPoller } from './imap-poller.ts';
import { startSmtpListener } from './smtp-listener.ts';

/** Starts what the connection configures: the SMTP listener, the IMAP poller, or both. */
export async function startReceiver(ctx: ReceiverContext<EmailConfig, EmailSecrets>): Promise<RunningReceiver> {
  const running: RunningReceiver[] = [];
  try {
    if (ctx.config.smtpListener) running.push(await startSmtpListener(ctx));
    if (ctx.config.imap) running.push(await startImapPoller(ctx));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    throw error;
  }
  const address = running.find((r) => r.address)?.address;
  return {
    ...(address ? { address } : {}),
    stop: async () => {
      await Promise.allSettled(running.map((r) => r.stop()));
    },
  };
}
