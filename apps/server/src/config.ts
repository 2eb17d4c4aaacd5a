import { resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: parsed once, typed, with errors that name the variable. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  FIO_PUBLIC_URL: z.url().optional(),
  FIO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FIO_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  FIO_SQLITE_SYNC: z.enum(['normal', 'full']).default('normal'),
  FIO_WORKSPACES: z.string().default('workspaces/demo'),
  FIO_ENCRYPTION_KEY: z.string().optional(),
  FIO_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIO_TURN_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(64),
  FIO_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(128),
  FIO_POLL_MS: z.coerce.number().int().min(5).max(60_000).default(500),
  FIO_WIDGET_RATE_PER_MIN: z.coerce.number().int().min(1).default(120),
  FIO_TRUST_PROXY: z.string().optional(),
  FIO_PLAYGROUND: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  FIO_WATCH_CONTENT: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  FIO_SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.05)
    .max(24 * 90)
    .default(12),
  FIO_PRESENCE_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(120),
  FIO_COOKIE_SECURE: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  FIO_SIGN_IN_RATE_PER_MIN: z.coerce.number().int().min(1).default(10),
  FIO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FIO_MAIL_FROM: z.string().min(3).optional(),
  FIO_MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  FIO_MEDIA_TYPES: z
    .string()
    .default(
      'image/*,audio/*,video/*,text/plain,text/csv,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.*,application/vnd.ms-excel,application/vnd.ms-powerpoint,application/vnd.oasis.opendocument.*,application/zip,message/rfc822',
    ),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  sqliteSync: 'normal' | 'full';
  workspaceDirs: string[];
  encryptionKey: string | undefined;
  previousEncryptionKeys: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  turnConcurrency: number;
  deliveryConcurrency: number;
  pollMs: number;
  widgetRatePerMinute: number;
  /** Addresses or CIDRs of reverse proxies whose X-Forwarded-* headers are believed (none by default). */
  trustProxy: string[] | false;
  /** Idle lifetime of an inbox session (sliding: each use within it extends it). */
  sessionTtlHours: number;
  /** How long an agent may stay offline before their conversations go back to the queue. */
  presenceGraceSeconds: number;
  /** The session cookie is Secure: FIO_PUBLIC_URL is https, or FIO_COOKIE_SECURE=1 (behind a TLS proxy). */
  cookieSecure: boolean;
  /** Sign-in and password-reset requests per IP and minute. */
  signInRatePerMinute: number;
  /** Where invites and password resets are sent (smtp://user:pass@host:port); without it the links are logged. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Largest media file fetched from a provider or received by mail, in bytes. */
  mediaMaxBytes: number;
  /** MIME types accepted for stored media (`type/*` wildcards allowed). */
  mediaTypes: string[];
  /**
   * The channel playground (/playground, /emulators/*): a dev tool that shows the demo workspace's
   * conversations to whoever opens it. On unless FIO_PUBLIC_URL says Fio is deployed for the world;
   * FIO_PLAYGROUND=on|off decides explicitly.
   */
  playground: boolean;
  /** Re-read intents/, faq/ and flows/ when their files change (FIO_WATCH_CONTENT=off to disable). */
  watchContent: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.FIO_PUBLIC_URL,
    dataDir: resolve(cwd, e.FIO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.FIO_DB_POOL_SIZE,
    sqliteSync: e.FIO_SQLITE_SYNC,
    workspaceDirs: e.FIO_WORKSPACES.split(',')
      .map((d) => resolve(cwd, d.trim()))
      .filter(Boolean),
    encryptionKey: e.FIO_ENCRYPTION_KEY,
    previousEncryptionKeys: (e.FIO_ENCRYPTION_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    turnConcurrency: e.FIO_TURN_CONCURRENCY,
    deliveryConcurrency: e.FIO_DELIVERY_CONCURRENCY,
    pollMs: e.FIO_POLL_MS,
    widgetRatePerMinute: e.FIO_WIDGET_RATE_PER_MIN,
    trustProxy: e.FIO_TRUST_PROXY
      ? e.FIO_TRUST_PROXY.split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : false,
    sessionTtlHours: e.FIO_SESSION_TTL_HOURS,
    presenceGraceSeconds: e.FIO_PRESENCE_GRACE_SECONDS,
    cookieSecure:
      e.FIO_COOKIE_SECURE === undefined ? (e.FIO_PUBLIC_URL ?? '').startsWith('https:') : ['on', 'true', '1'].includes(e.FIO_COOKIE_SECURE),
    signInRatePerMinute: e.FIO_SIGN_IN_RATE_PER_MIN,
    smtpUrl: e.FIO_SMTP_URL,
    mailFrom: e.FIO_MAIL_FROM ?? 'Fio <no-reply@fio.local>',
    mediaMaxBytes: e.FIO_MEDIA_MAX_BYTES,
    mediaTypes: e.FIO_MEDIA_TYPES.split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    playground: e.FIO_PLAYGROUND === undefined ? e.FIO_PUBLIC_URL === undefined : ['on', 'true', '1'].includes(e.FIO_PLAYGROUND),
    watchContent: !['off', 'false', '0'].includes((e.FIO_WATCH_CONTENT ?? 'on').toLowerCase()),
  };
}
