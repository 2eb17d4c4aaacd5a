import { ImapFlow } from 'imapflow';
import type { ReceiverContext, RunningReceiver } from '@fio/channel-kit';
import type { EmailConfig, EmailSecrets } from '../definition.ts';
import { ownAddresses } from './accepts-recipient.ts';
import { toInboundEvents } from './to-inbound-events.ts';

/** Kept on mail we could not read or take (too large), so it is not fetched again on every poll; a person can look. */
const unreadableKeyword = '$FioUnreadable';
const maxBackoffMs = 5 * 60_000;

/**
 * Reads a mailbox hosted elsewhere (Gmail, Microsoft 365, the company's server) over IMAP: unseen
 * messages are fetched without touching their flags, recorded, and only then flagged \Seen (or moved).
 * A crash between the two re-reads the message on the next start; its Message-ID dedupes it. IDLE
 * (imapflow's automatic idle between polls) wakes the poller as soon as mail arrives; dropped
 * connections come back with an exponential back-off.
 */
export async function startImapPoller(ctx: ReceiverContext<EmailConfig, EmailSecrets>): Promise<RunningReceiver> {
  const imap = ctx.config.imap;
  if (!imap) throw new Error('no imap configured');
  const password = ctx.secrets.imapPassword;
  if (!password) throw new Error('imap needs the imapPassword secret');

  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    let failures = 0;
    while (!stopped) {
      const current = new ImapFlow({
        host: imap.host,
        port: imap.port,
        secure: imap.secure,
        auth: { user: imap.user, pass: password },
        logger: false,
        disableAutoIdle: !imap.idle,
        // IDLE as soon as a poll is done (imapflow waits 15 s by default), so new mail wakes us at once.
        autoIdleDelay: 1000,
        tls: { rejectUnauthorized: !imap.allowSelfSignedCertificate },
        connectionTimeout: 30_000,
        socketTimeout: 5 * 60_000,
      });
      client = current;
      current.on('error', (error: unknown) => ctx.log.warn({ err: error }, 'imap connection error'));
      current.on('exists', () => wake?.());
      current.on('close', () => wake?.());
      try {
        await current.connect();
        await current.mailboxOpen(imap.mailbox);
        failures = 0;
        while (!stopped && current.usable) {
          await pollOnce(ctx, current);
          if (!stopped && current.usable) await pause(imap.pollSeconds * 1000);
        }
      } catch (error) {
        if (!stopped) ctx.log.warn({ err: error, failures }, 'imap polling failed; reconnecting');
      } finally {
        current.close();
      }
      if (stopped) break;
      failures += 1;
      await pause(Math.min(maxBackoffMs, 1000 * 2 ** Math.min(failures, 9)));
    }
  };
  const running = run();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await client?.logout().catch(() => undefined);
      await running;
    },
  };
}

async function pollOnce(ctx: ReceiverContext<EmailConfig, EmailSecrets>, client: ImapFlow): Promise<void> {
  const imap = ctx.config.imap;
  if (!imap) return;
  const uids = (await client.search({ seen: false, unKeyword: unreadableKeyword }, { uid: true })) || [];
  for (const uid of uids) {
    if (!client.usable) return;
    const range = String(uid);
    const envelope = await client.fetchOne(range, { uid: true, size: true }, { uid: true });
    if (envelope && (envelope.size ?? 0) > imap.maxMessageBytes) {
      ctx.log.warn({ uid, size: envelope.size }, 'e-mail over maxMessageBytes left in the mailbox, marked');
      await client.messageFlagsAdd(range, [unreadableKeyword], { uid: true });
      continue;
    }
    // BODY.PEEK[]: reading does not set \Seen; only a recorded message is flagged.
    const message = await client.fetchOne(range, { uid: true, source: true }, { uid: true });
    if (!message || !message.source) continue;
    const parsed = await toInboundEvents(message.source, {
      ownAddresses: ownAddresses(ctx.config),
      trustedAuthServIds: ctx.config.trustedAuthServIds,
      now: ctx.now(),
    });
    if (!parsed.ok) {
      ctx.log.warn({ uid, reason: parsed.reason }, 'unreadable e-mail left in the mailbox, marked');
      await client.messageFlagsAdd(range, [unreadableKeyword], { uid: true });
      continue;
    }
    if (parsed.events.length > 0) {
      try {
        await ctx.ingest(parsed.events, parsed.attachments);
      } catch (error) {
        // Left unseen: the next poll tries again.
        ctx.log.error({ err: error, uid }, 'could not record an e-mail; it stays unseen and is retried');
        continue;
      }
    }
    await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    if (imap.afterIngest === 'move' && imap.moveTo) await client.messageMove(range, imap.moveTo, { uid: true });
  }
}
