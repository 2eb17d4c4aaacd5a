import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** A mail a relay received: the envelope and the raw message. */
export interface SunkMail {
  mailFrom: string | null;
  rcptTo: string[];
  raw: Buffer;
}

type Stage = 'rcpt' | 'data';

/**
 * A relay on loopback for outbound tests: stores every message, and answers the next transaction with
 * an SMTP error when told to (a 451 at DATA, a 550 at RCPT TO), the way real relays refuse mail.
 */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}) {
  const mails: SunkMail[] = [];
  const failures: { stage: Stage; code: number; message: string }[] = [];
  const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.auth?.user && auth.password === opts.auth?.pass) callback(null, { user: auth.username });
      else callback(reply(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, callback) {
      const failure = failures[0]?.stage === 'rcpt' ? failures.shift() : undefined;
      callback(failure ? reply(failure.code, failure.message) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures[0]?.stage === 'data' ? failures.shift() : undefined;
        if (failure) return callback(reply(failure.code, failure.message));
        mails.push({
          mailFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    failNext(stage: Stage, code: number, message: string) {
      failures.push({ stage, code, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
