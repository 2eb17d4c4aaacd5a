import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type Mail from 'nodemailer/lib/mailer';
import type { EmailConfig, EmailSecrets } from '../definition.ts';

type SmtpTransport = Mail<SMTPPool.SentMessageInfo>;

/**
 * One pooled SMTP transport per connection, kept between sends so a burst of replies does not pay a
 * TCP+TLS+AUTH handshake each. Keyed by connection id and a fingerprint of its settings and
 * credentials: two tenants never share a transport, and a changed password gets a new one. A
 * transport idle for `idleCloseMs` is closed, so quiet connections hold no sockets.
 */
export interface SmtpTransportPool {
  send(connectionId: string, config: EmailConfig, secrets: EmailSecrets, mail: Mail.Options): Promise<SMTPPool.SentMessageInfo>;
  closeAll(): void;
}

interface Entry {
  fingerprint: string;
  transport: SmtpTransport;
  inFlight: number;
  idleTimer: NodeJS.Timeout | null;
}

export function createSmtpTransportPool(opts: { idleCloseMs?: number } = {}): SmtpTransportPool {
  const idleCloseMs = opts.idleCloseMs ?? 15_000;
  const entries = new Map<string, Entry>();

  const close = (connectionId: string, entry: Entry) => {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.transport.close();
    if (entries.get(connectionId) === entry) entries.delete(connectionId);
  };

  const acquire = (connectionId: string, config: EmailConfig, secrets: EmailSecrets): Entry => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([config.address, config.smtp, secrets.smtpPassword ?? null]))
      .digest('hex');
    const existing = entries.get(connectionId);
    if (existing?.fingerprint === fingerprint) return existing;
    if (existing && existing.inFlight === 0) close(connectionId, existing);
    const entry: Entry = { fingerprint, transport: createTransport(config, secrets), inFlight: 0, idleTimer: null };
    entries.set(connectionId, entry);
    return entry;
  };

  return {
    async send(connectionId, config, secrets, mail) {
      const entry = acquire(connectionId, config, secrets);
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
      entry.inFlight += 1;
      try {
        return await entry.transport.sendMail(mail);
      } finally {
        entry.inFlight -= 1;
        if (entry.inFlight === 0) {
          entry.idleTimer = setTimeout(() => close(connectionId, entry), idleCloseMs);
          entry.idleTimer.unref();
        }
      }
    },
    closeAll() {
      for (const [connectionId, entry] of [...entries]) close(connectionId, entry);
    },
  };
}

function createTransport(config: EmailConfig, secrets: EmailSecrets): SmtpTransport {
  const smtp = config.smtp;
  const options: SMTPPool.Options = {
    pool: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    maxConnections: smtp.maxConnections,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
    // The EHLO name: the domain we send for, not the machine's host name.
    name: config.address.slice(config.address.lastIndexOf('@') + 1),
    tls: { rejectUnauthorized: !smtp.allowSelfSignedCertificate },
    ...(smtp.user ? { auth: { user: smtp.user, pass: secrets.smtpPassword ?? '' } } : {}),
  };
  return nodemailer.createTransport(options);
}
