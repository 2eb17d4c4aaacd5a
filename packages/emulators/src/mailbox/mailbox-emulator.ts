import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import {
  createEmulatorState,
  sendJson,
  type CustomerIdentity,
  type CustomerView,
  type ProviderEmulator,
  type WebhookAnswer,
} from '../emulator-kit.ts';

export interface MailboxEmulatorOptions {
  /** Where customers write when they start a conversation (the business's published address). */
  businessAddress: string;
  /** Fio's SMTP listener; may be set later with `setFioSmtp` (it is known only once Fio started). */
  fioSmtp?: { host: string; port: number };
  /** Credentials Fio's outbound relay must log in with; absent = no AUTH (a local relay). */
  relayAuth?: { user: string; pass: string };
  /** Subject of a customer's first mail. */
  firstSubject?: string;
}

/** What the customer's mail client remembers of a mail it received: enough to answer in-thread. */
interface ReceivedMail {
  view: CustomerView;
  messageId: string | null;
  replyTo: string;
  subject: string;
  references: string[];
}

/**
 * The customer's side of e-mail: a mail server on loopback that Fio's outbound SMTP relays to (each
 * mail becomes a CustomerView, its threading headers kept in `raw`), and a mail client that writes
 * to Fio's SMTP listener, answering in-thread (In-Reply-To, References, to the Reply-To address) the
 * last mail Fio sent that customer. There is no HTTP API: `handle` answers 404.
 */
export function createMailboxEmulator(options: MailboxEmulatorOptions) {
  const state = createEmulatorState();
  const received = new Map<string, ReceivedMail[]>();
  let fioSmtp = options.fioSmtp ?? null;
  let smtpFailures: { remaining: number; code: number; message: string } | null = null;
  let bound: { host: string; port: number } | null = null;

  const server = new SMTPServer({
    logger: false,
    banner: 'mailbox emulator',
    closeTimeout: 500,
    disabledCommands: options.relayAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.relayAuth,
    allowInsecureAuth: true,
    size: 30 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === options.relayAuth?.user && auth.password === options.relayAuth?.pass) callback(null, { user: auth.username });
      else callback(smtpReply(535, '5.7.8 Authentication credentials invalid'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const rcptTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        recordSmtp(raw, rcptTo, session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address);
        if (smtpFailures && smtpFailures.remaining > 0) {
          smtpFailures.remaining -= 1;
          const { code, message } = smtpFailures;
          if (smtpFailures.remaining === 0) smtpFailures = null;
          return callback(smtpReply(code, message));
        }
        if (stream.sizeExceeded) return callback(smtpReply(552, '5.3.4 Message too big'));
        deliver(raw, rcptTo).then(
          () => callback(null, '2.0.0 Delivered to the mailbox'),
          (error: unknown) => callback(smtpReply(554, `5.6.0 Unreadable message: ${String(error)}`)),
        );
      });
    },
  });

  function recordSmtp(raw: Buffer, rcptTo: string[], mailFrom: string): void {
    state.requests.push({
      method: 'SMTP',
      path: '/DATA',
      query: { mailFrom, rcptTo: rcptTo.join(',') },
      headers: headerMap(raw),
      body: raw,
      at: new Date().toISOString(),
    });
  }

  async function deliver(raw: Buffer, rcptTo: string[]): Promise<void> {
    const mail = await simpleParser(raw);
    for (const to of rcptTo) {
      const view = toCustomerView(mail, to);
      const entry: ReceivedMail = {
        view,
        messageId: mail.messageId ?? null,
        replyTo: firstAddress(mail.replyTo) ?? firstAddress(mail.from) ?? options.businessAddress,
        subject: mail.subject ?? '',
        references: referencesOf(mail),
      };
      received.set(to, [...(received.get(to) ?? []), entry]);
      state.deliver(view);
    }
  }

  /** Writes to Fio as the customer, in-thread with the last mail Fio sent them when there is one. */
  async function sendMail(from: CustomerIdentity, text: string): Promise<WebhookAnswer> {
    if (!fioSmtp) throw new Error("the mailbox emulator does not know Fio's SMTP listener yet (setFioSmtp)");
    const last = received.get(from.address.toLowerCase())?.at(-1);
    const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
    const messageId = `<${randomBytes(9).toString('hex')}@${domain}>`;
    const transport = nodemailer.createTransport({ host: fioSmtp.host, port: fioSmtp.port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail({
        from: from.name ? { name: from.name, address: from.address } : from.address,
        to: last ? last.replyTo : options.businessAddress,
        subject: last ? replySubject(last.subject) : (options.firstSubject ?? 'Contato'),
        messageId,
        ...(last?.messageId ? { inReplyTo: last.messageId, references: [...last.references, last.messageId] } : {}),
        text,
      });
      return { status: 250, body: JSON.stringify({ messageId, response: info.response }), contentType: 'application/json' };
    } catch (error) {
      const code = readResponseCode(error);
      return {
        status: code ?? 0,
        body: JSON.stringify({ messageId, error: error instanceof Error ? error.message : String(error) }),
        contentType: 'application/json',
      };
    } finally {
      transport.close();
    }
  }

  const emulator = {
    provider: 'email',
    async handle(_req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
      sendJson(res, 404, {
        error: {
          message: `e-mail has no HTTP API (${path}); Fio relays mail to ${bound ? `${bound.host}:${bound.port}` : 'the SMTP port'}`,
        },
      });
    },
    get requests() {
      return state.requests;
    },
    get delivered() {
      return state.delivered;
    },
    onDelivered: (listener: (view: CustomerView) => void) => state.onDelivered(listener),
    /** The next `count` mails Fio relays are refused with SMTP code `status` (e.g. 451, 550) at DATA. */
    failNext(count: number, status: number, opts: { body?: string } = {}): void {
      smtpFailures =
        count > 0
          ? { remaining: count, code: status, message: opts.body ?? (status >= 500 ? '5.0.0 Refused' : '4.0.0 Try again later') }
          : null;
    },
    customer: {
      sendText: sendMail,
      /** Answers a numbered option of a mail by its number, as a person would type it. */
      pickOption: (from: CustomerIdentity, _message: CustomerView, optionIndex: number) => sendMail(from, String(optionIndex + 1)),
    },
    /** Where Fio's outbound SMTP relays to (after `listen`). */
    get smtp(): { host: string; port: number } {
      if (!bound) throw new Error('the mailbox emulator is not listening (call listen first)');
      return bound;
    },
    setFioSmtp(address: { host: string; port: number }): void {
      fioSmtp = address;
    },
    async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.server.address();
      bound = { host, port: typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port };
      return bound;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies ProviderEmulator & Record<string, unknown>;
  return emulator;
}

export type MailboxEmulator = ReturnType<typeof createMailboxEmulator>;

function toCustomerView(mail: ParsedMail, to: string): CustomerView {
  const text = (mail.text ?? '').trim();
  const options = [...text.matchAll(/^(\d{1,2})\. (.+)$/gm)].map((m) => ({ id: m[1] ?? '', label: (m[2] ?? '').trim() }));
  const attachment = mail.attachments[0];
  return {
    providerMessageId: mail.messageId ?? '',
    to,
    text,
    ...(options.length > 0 ? { options } : {}),
    ...(attachment
      ? {
          media: {
            kind: attachment.contentType.split('/')[0] ?? 'file',
            url: `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`,
            ...(mail.text ? { caption: text.split('\n')[0] ?? '' } : {}),
          },
        }
      : {}),
    raw: {
      messageId: mail.messageId ?? null,
      inReplyTo: mail.inReplyTo ?? null,
      references: referencesOf(mail),
      replyTo: mail.replyTo?.text ?? null,
      from: mail.from?.text ?? null,
      subject: mail.subject ?? null,
      autoSubmitted: mail.headers.get('auto-submitted') ?? null,
      html: mail.html || null,
      attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
    },
    at: (mail.date ?? new Date()).toISOString(),
  };
}

function referencesOf(mail: ParsedMail): string[] {
  const refs = mail.references;
  return Array.isArray(refs) ? refs : refs ? refs.split(/\s+/).filter(Boolean) : [];
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.value[0]?.address;
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

function headerMap(raw: Buffer): Record<string, string | undefined> {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
  const headers: Record<string, string | undefined> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function readResponseCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  return typeof error.responseCode === 'number' ? error.responseCode : undefined;
}
