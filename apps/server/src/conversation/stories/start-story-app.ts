import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTwilioMessagingEmulator,
  createWhatsAppEmulator,
  listenLateEmulator,
  type TwilioMessagingEmulator,
  type WhatsAppEmulator,
} from '@fio/emulators';
import { buildApp, type FioApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createApiToken } from '../../security/bootstrap-admin.ts';

/** The story's clock: real time runs on from the story's `at`, so retries and timeouts still fire. */
export interface StoryClock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

/** Secrets the runner plays the providers with; only ever used against this in-process Fio. */
export const storySecrets = {
  widgetIdentity: 'story-widget-identity-secret-0123456789',
  apiSigning: 'story-api-signing-secret-0123456789',
  whatsappAppSecret: 'story-whatsapp-app-secret',
  whatsappAccessToken: 'story-whatsapp-access-token',
  whatsappPhoneNumberId: '106540352242922',
  twilioAccountSid: 'AC5a0e1d2c4b5a69788796a5b4c3d2e1f0',
  twilioAuthToken: 'story-twilio-auth-token-0123456789',
  smsFrom: '+551140040000',
} as const;

export interface StoryApp {
  app: FioApp;
  baseUrl: string;
  wsUrl: string;
  workspaceId: string;
  adminToken: string;
  clock: StoryClock;
  whatsapp: WhatsAppEmulator;
  sms: TwilioMessagingEmulator;
  close(): Promise<void>;
}

export interface StartStoryAppOptions {
  /** The workspace folder (workspace.yaml with intents/, faq/, flows/). */
  workspaceDir: string;
  /** The repository root (config paths resolve from it). */
  root: string;
  /** The workspace's slug in workspace.yaml (`id:`). */
  workspaceSlug: string;
  at: Date;
}

/**
 * A fresh Fio for one story: SQLite in a temporary folder, the workspace as written, a story clock,
 * listening on a free port, with WhatsApp and SMS provider emulators the runner plays the customer on
 * and a callback sink for the API channel. Nothing is shared between two stories.
 */
export async function startStoryApp(options: StartStoryAppOptions): Promise<StoryApp> {
  let offsetMs = options.at.getTime() - Date.now();
  const clock: StoryClock = {
    now: () => new Date(Date.now() + offsetMs),
    set: (at) => void (offsetMs = at.getTime() - Date.now()),
    advance: (ms) => void (offsetMs += ms),
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'fio-story-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const whatsappServer = await listenLateEmulator<WhatsAppEmulator>();
    cleanups.push(() => whatsappServer.close());
    const smsServer = await listenLateEmulator<TwilioMessagingEmulator>();
    cleanups.push(() => smsServer.close());
    const sink = await startCallbackSink();
    cleanups.push(() => sink.close());

    const env: Record<string, string> = {
      FIO_DEMO_WIDGET_SECRET: storySecrets.widgetIdentity,
      FIO_DEMO_API_SECRET: storySecrets.apiSigning,
      FIO_DEMO_API_CALLBACK_URL: sink.url,
      FIO_DEMO_WHATSAPP_PHONE_NUMBER_ID: storySecrets.whatsappPhoneNumberId,
      FIO_DEMO_WHATSAPP_API_URL: whatsappServer.url,
      FIO_DEMO_WHATSAPP_ACCESS_TOKEN: storySecrets.whatsappAccessToken,
      FIO_DEMO_WHATSAPP_APP_SECRET: storySecrets.whatsappAppSecret,
      FIO_DEMO_TWILIO_ACCOUNT_SID: storySecrets.twilioAccountSid,
      FIO_DEMO_TWILIO_AUTH_TOKEN: storySecrets.twilioAuthToken,
      FIO_DEMO_SMS_FROM: storySecrets.smsFrom,
      FIO_DEMO_SMS_API_URL: smsServer.url,
    };
    const config = {
      ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', FIO_POLL_MS: '25' }, options.root),
      dataDir,
      databaseUrl: undefined,
      workspaceDirs: [options.workspaceDir],
    };
    const app = await buildApp(config, { clock: () => clock.now(), env: { ...process.env, ...env } });
    cleanups.push(() => app.close());
    const baseUrl = await app.start();
    const workspace = app.deps.workspaces.bySlug(options.workspaceSlug);
    if (!workspace) throw new Error(`workspace ${options.workspaceSlug} did not load from ${options.workspaceDir}`);
    const adminToken = await createApiToken(app.database.db, workspace.id, 'stories', 'admin', clock.now().toISOString());

    const whatsapp = createWhatsAppEmulator({
      phoneNumberId: storySecrets.whatsappPhoneNumberId,
      accessToken: storySecrets.whatsappAccessToken,
      appSecret: storySecrets.whatsappAppSecret,
      webhookUrl: `${baseUrl}/webhooks/whatsapp/${connectionIdOf(app, workspace.id, 'whatsapp')}`,
      now: () => clock.now(),
    });
    whatsappServer.set(whatsapp);
    const sms = createTwilioMessagingEmulator({
      accountSid: storySecrets.twilioAccountSid,
      authToken: storySecrets.twilioAuthToken,
      numbers: [storySecrets.smsFrom],
      webhookUrl: `${baseUrl}/webhooks/sms/${connectionIdOf(app, workspace.id, 'sms')}`,
      baseUrl: smsServer.url,
      statusCallbacks: [],
    });
    smsServer.set(sms);

    return {
      app,
      baseUrl,
      wsUrl: `${baseUrl.replace(/^http/, 'ws')}/ws`,
      workspaceId: workspace.id,
      adminToken,
      clock,
      whatsapp,
      sms,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The workspace's connection of a channel type; '' when it has none (its webhook then answers 404). */
export function connectionIdOf(app: FioApp, workspaceId: string, type: string): string {
  return app.deps.connections.all().find((c) => c.workspaceId === workspaceId && c.type === type)?.id ?? '';
}

/** Answers the API channel's callbacks with 200: the runner reads replies from Fio's own records. */
async function startCallbackSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/callbacks`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
