import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/**
 * E-mail: customers write to the business's address; mail arrives through Fio's own SMTP listener
 * (the domain's MX, or a relay that forwards to it) and/or by polling a mailbox hosted elsewhere over
 * IMAP; replies leave through the business's SMTP relay. Passwords and TLS keys are secrets.
 */
const port = z.number().int().min(0).max(65_535);

export const smtpListenerConfigSchema = z.object({
  host: z.string().min(1).default('0.0.0.0'),
  /** 25 for a public MX; 0 picks a free port (tests). */
  port,
  /** Largest message accepted (announced with SIZE, refused with 552 beyond it). */
  maxMessageBytes: z
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Offer STARTTLS (needs the tlsKey and tlsCert secrets). */
  starttls: z.boolean().default(false),
  /** Require SMTP AUTH (a relay in front of Fio logs in with listenerUser and the listenerPassword secret). */
  requireAuth: z.boolean().default(false),
  listenerUser: z.string().min(1).optional(),
});

export const imapConfigSchema = z.object({
  host: z.string().min(1),
  port: port.default(993),
  /** Implicit TLS (993); false connects in clear and upgrades with STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  mailbox: z.string().min(1).default('INBOX'),
  /** How often to look for new mail when IDLE is off or unsupported. */
  pollSeconds: z.number().int().positive().max(3600).default(60),
  idle: z.boolean().default(true),
  /** After a message is recorded: flag it \Seen, or move it to `moveTo`. */
  afterIngest: z.enum(['seen', 'move']).default('seen'),
  moveTo: z.string().min(1).optional(),
  /** Larger messages are not downloaded: they are marked and left for a person. */
  maxMessageBytes: z
    .number()
    .int()
    .positive()
    .max(100 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Accept self-signed certificates (a test server); never in production. */
  allowSelfSignedCertificate: z.boolean().default(false),
});

export const smtpSendConfigSchema = z.object({
  host: z.string().min(1),
  port: port.default(587),
  /** Implicit TLS (465); with false, STARTTLS is used when offered (and required with requireTls). */
  secure: z.boolean().default(false),
  requireTls: z.boolean().default(false),
  user: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
  maxConnections: z.number().int().positive().max(50).default(3),
  allowSelfSignedCertificate: z.boolean().default(false),
});

export const emailConfigSchema = z
  .object({
    /** The business's address: mail to it (and to `local+TOKEN@`) is the customer's; replies come from it. */
    address: z.email().transform((a) => a.toLowerCase()),
    /** The From display name ("Loja Exemplo"). */
    name: z.string().max(256).optional(),
    /** Other addresses this connection answers for. */
    aliases: z
      .array(z.email().transform((a) => a.toLowerCase()))
      .max(50)
      .default([]),
    /** Accept any recipient at the address's domain (a catch-all MX). */
    acceptWholeDomain: z.boolean().default(false),
    /** Language of the quoted-thread header in replies ("Em ..., ... escreveu:"). */
    locale: z.string().min(2).max(16).default('pt-BR'),
    /** Time zone of the dates in quoted-thread headers. */
    timeZone: z
      .string()
      .default('UTC')
      .refine((tz) => isTimeZone(tz), { message: 'timeZone must be an IANA time zone such as America/Sao_Paulo' }),
    /** How many earlier messages of the conversation are quoted below a reply. */
    quoteRecent: z.number().int().min(0).max(20).default(3),
    /** authserv-ids of receiving MTAs whose Authentication-Results headers are trusted. */
    trustedAuthServIds: z.array(z.string().min(1).max(255)).max(20).default([]),
    /** Adds a List-Unsubscribe header (mailto with "PARAR") so mail clients offer one-click opt-out. */
    listUnsubscribe: z.boolean().default(true),
    smtpListener: smtpListenerConfigSchema.optional(),
    imap: imapConfigSchema.optional(),
    smtp: smtpSendConfigSchema,
  })
  .refine((c) => c.smtpListener !== undefined || c.imap !== undefined, {
    message: 'configure smtpListener, imap or both: otherwise no mail can arrive',
  })
  .refine((c) => c.imap?.afterIngest !== 'move' || c.imap.moveTo !== undefined, {
    message: 'imap.afterIngest "move" needs imap.moveTo',
    path: ['imap', 'moveTo'],
  });
export type EmailConfig = z.output<typeof emailConfigSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const emailSecretsSchema = z.object({
  smtpPassword: z.string().min(1).optional(),
  imapPassword: z.string().min(1).optional(),
  listenerPassword: z.string().min(1).optional(),
  /** PEM key and certificate for the listener's STARTTLS. */
  tlsKey: z.string().min(1).optional(),
  tlsCert: z.string().min(1).optional(),
});
export type EmailSecrets = z.output<typeof emailSecretsSchema>;

export const emailCapabilities = declareCapabilities({
  maxTextLength: 20_000,
  // We write the HTML part ourselves from plain text (everything escaped): the engine sends text.
  formatting: 'none',
  mediaTypes: ['image', 'audio', 'video', 'file'],
  // No buttons in mail: the server renders options as numbered text and reads "1"/"2" back.
  quickReplies: null,
  lists: null,
  optionsStyle: 'numbered_text',
  // One mail per bot turn, not one per text bubble.
  joinReplies: true,
  replyWindowHours: null,
});

export const emailDefinition: ChannelDefinition<EmailConfig, EmailSecrets> = {
  type: 'email',
  displayName: 'E-mail',
  configSchema: emailConfigSchema,
  secretsSchema: emailSecretsSchema,
  capabilities: emailCapabilities,
  // No webhook: the SMTP listener enforces its own size limit (smtpListener.maxMessageBytes).
  maxBodyBytes: 25 * 1024 * 1024,
  // Shared relays (Gmail, Microsoft 365, SES defaults) allow a few messages a second.
  pacing: { perConnectionPerSecond: 5, perRecipientPerSecond: 1, burst: 10 },
  wantsThread: true,
  honoursOptOutKeywords: true,
};
