import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { safeEqual, type ReceiverContext, type RunningReceiver } from '@fio/channel-kit';
import type { EmailConfig, EmailSecrets } from '../definition.ts';
import { acceptsRecipient, ownAddresses } from './accepts-recipient.ts';
import { toInboundEvents } from './to-inbound-events.ts';

/** An SMTP reply code for smtp-server: it answers with `responseCode` and the message. */
class SmtpReply extends Error {
  readonly responseCode: number;
  constructor(responseCode: number, message: string) {
    super(message);
    this.responseCode = responseCode;
  }
}

/**
 * Fio's own MX (or the target of a relay's forward): takes mail for the connection's addresses only,
 * and answers 250 only once the message is committed. A failure to record answers 451, so the sending
 * server keeps the mail and retries; the retry is deduplicated by its Message-ID. Nothing accepted
 * is lost and nothing is recorded twice.
 */
export async function startSmtpListener(ctx: ReceiverContext<EmailConfig, EmailSecrets>): Promise<RunningReceiver> {
  const listener = ctx.config.smtpListener;
  if (!listener) throw new Error('no smtpListener configured');
  const { config, secrets } = ctx;
  if (listener.starttls && (!secrets.tlsKey || !secrets.tlsCert))
    throw new Error('smtpListener.starttls needs the tlsKey and tlsCert secrets');
  if (listener.requireAuth && (!listener.listenerUser || !secrets.listenerPassword)) {
    throw new Error('smtpListener.requireAuth needs smtpListener.listenerUser and the listenerPassword secret');
  }
  const disabledCommands = [...(listener.starttls ? [] : ['STARTTLS']), ...(listener.requireAuth ? [] : ['AUTH'])];

  const server = new SMTPServer({
    name: config.address.slice(config.address.lastIndexOf('@') + 1),
    banner: 'Fio',
    // On shutdown, a message in the middle of DATA gets a few seconds to finish; idle sessions do not hold us.
    closeTimeout: 5000,
    size: listener.maxMessageBytes,
    logger: false,
    disabledCommands,
    authOptional: !listener.requireAuth,
    // Without STARTTLS the relay logs in in clear text: only sensible on a private network or loopback.
    allowInsecureAuth: !listener.starttls,
    ...(listener.starttls ? { key: secrets.tlsKey, cert: secrets.tlsCert } : {}),
    onAuth(auth, _session, callback) {
      const ok =
        listener.listenerUser !== undefined &&
        secrets.listenerPassword !== undefined &&
        safeEqual(auth.username ?? '', listener.listenerUser) &&
        safeEqual(auth.password ?? '', secrets.listenerPassword);
      if (ok) callback(null, { user: auth.username });
      else callback(new SmtpReply(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      if (acceptsRecipient(address.address, config)) callback();
      else callback(new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      receive(ctx, stream, session).then(
        () => callback(null, '2.0.0 Message accepted'),
        (error: unknown) => callback(error instanceof SmtpReply ? error : new SmtpReply(451, '4.3.0 Temporary failure, try again later')),
      );
    },
  });
  server.on('error', (error) => ctx.log.error({ err: error }, 'smtp listener error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(listener.port, listener.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const bound = server.server.address();
  const port = typeof bound === 'object' && bound !== null ? (bound satisfies AddressInfo).port : listener.port;
  return {
    address: { host: listener.host, port },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function receive(
  ctx: ReceiverContext<EmailConfig, EmailSecrets>,
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  if (stream.sizeExceeded) throw new SmtpReply(552, '5.3.4 Message too big for this system');
  const raw = Buffer.concat(chunks);
  const mailFrom = session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address;
  const parsed = await toInboundEvents(raw, {
    ownAddresses: ownAddresses(ctx.config),
    trustedAuthServIds: ctx.config.trustedAuthServIds,
    envelope: { ...(mailFrom ? { mailFrom } : {}), rcptTo: session.envelope.rcptTo.map((r) => r.address) },
    now: ctx.now(),
  });
  if (!parsed.ok) {
    ctx.log.warn({ reason: parsed.reason, sessionId: session.id }, 'refused an unreadable e-mail');
    throw new SmtpReply(554, `5.6.0 ${parsed.reason}`);
  }
  if (parsed.automatic === 'auto_reply') ctx.log.info({ sessionId: session.id }, 'automatic e-mail (auto-reply) accepted, not answered');
  if (parsed.events.length === 0) return;
  try {
    await ctx.ingest(parsed.events, parsed.attachments);
  } catch (error) {
    ctx.log.error({ err: error, sessionId: session.id }, 'could not record an e-mail; answered 451 so the sender retries');
    throw error;
  }
}
