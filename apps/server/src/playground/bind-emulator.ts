import { z } from 'zod';
import type { ChannelType } from '@fio/contracts';
import {
  createMailboxEmulator,
  createMetaMessagingEmulator,
  createTelegramEmulator,
  createTwilioMessagingEmulator,
  createTwilioVoiceEmulator,
  createWhatsAppEmulator,
  type CustomerActions,
  type CustomerIdentity,
  type ProviderEmulator,
} from '@fio/emulators';
import type { ConnectionRuntime } from '../channels/connection-registry.ts';
import { pointSmtpAt } from './playground-origin.ts';

/** One playground connection bound to the emulator of its provider. */
export interface BoundEmulator {
  emulator: ProviderEmulator;
  /** The customer's side; for emulators that serve several accounts, this connection's account. */
  customer: CustomerActions;
  /** Ends the customer's call (voice). */
  hangUp?: (from: CustomerIdentity) => Promise<void>;
  /** Releases what the emulator holds open (a mailbox's SMTP port). */
  close?: () => Promise<void>;
}

export interface BindInput {
  connection: ConnectionRuntime;
  /** Fio's webhook URL for the connection (known once Fio listens). */
  webhookUrl: () => string;
  /** Where Fio reaches this emulator (`<Fio>/emulators/<mount>`): the base of media links it hands out. */
  emulatorUrl: () => string;
  /** Where Fio's own receiver for the connection listens (the e-mail connection's SMTP listener). */
  receiverAddress: () => { host: string; port: number } | undefined;
}

/** The business number callers dial in the playground (voice connections do not name their own number). */
const playgroundBusinessNumber = '+551140040000';

type Binder = (input: BindInput) => Promise<BoundEmulator>;

/**
 * The emulator of each provider, built from the connection's own settings and secrets, so what the
 * customer does arrives signed exactly as the provider signs it. Only the fields an emulator needs are
 * read here (the channel packages own their full schemas).
 */
const binders: Partial<Record<ChannelType, Binder>> = {
  whatsapp: async ({ connection, webhookUrl, emulatorUrl }) => {
    const config = z.object({ phoneNumberId: z.string() }).parse(connection.ctx.config);
    const secrets = z.object({ accessToken: z.string(), appSecret: z.string() }).parse(connection.ctx.secrets);
    const emulator = createWhatsAppEmulator({
      phoneNumberId: config.phoneNumberId,
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      webhookUrl,
      statusCallbacks: ['sent', 'delivered', 'read'],
      publicBaseUrl: emulatorUrl(),
    });
    return { emulator, customer: emulator.customer };
  },
  messenger: async (input) => bindMeta(input, 'messenger', z.object({ pageId: z.string() }).parse(input.connection.ctx.config).pageId),
  instagram: async (input) =>
    bindMeta(input, 'instagram', z.object({ instagramAccountId: z.string() }).parse(input.connection.ctx.config).instagramAccountId),
  sms: async ({ connection, webhookUrl, emulatorUrl }) => {
    const config = z.object({ accountSid: z.string(), from: z.string().optional() }).parse(connection.ctx.config);
    const secrets = z.object({ authToken: z.string() }).parse(connection.ctx.secrets);
    const emulator = createTwilioMessagingEmulator({
      accountSid: config.accountSid,
      authToken: secrets.authToken,
      numbers: [config.from ?? playgroundBusinessNumber],
      webhookUrl,
      baseUrl: emulatorUrl,
      statusCallbacks: ['sent', 'delivered'],
    });
    return { emulator, customer: emulator.customer };
  },
  telegram: async ({ connection, webhookUrl }) => {
    const config = z.object({ botUsername: z.string().optional() }).parse(connection.ctx.config);
    const secrets = z.object({ botToken: z.string(), webhookSecret: z.string() }).parse(connection.ctx.secrets);
    // As if `npx fio telegram set-webhook` had registered Fio's URL and secret with the bot.
    const emulator = createTelegramEmulator({
      botToken: secrets.botToken,
      ...(config.botUsername ? { botUsername: config.botUsername } : {}),
      webhookUrl: webhookUrl(),
      webhookSecret: secrets.webhookSecret,
      languageCode: 'pt-br',
    });
    return { emulator, customer: emulator.customer };
  },
  email: async ({ connection, receiverAddress }) => {
    const config = z.object({ address: z.string(), smtp: z.object({ user: z.string().optional() }) }).parse(connection.ctx.config);
    const secrets = z.object({ smtpPassword: z.string().optional() }).parse(connection.ctx.secrets);
    const relayAuth = config.smtp.user && secrets.smtpPassword ? { user: config.smtp.user, pass: secrets.smtpPassword } : undefined;
    const mailbox = createMailboxEmulator({ businessAddress: config.address, firstSubject: 'Dúvida', ...(relayAuth ? { relayAuth } : {}) });
    // The customer's mail server: Fio's relay (SMTP host fio-playground.invalid) is sent there.
    const at = await mailbox.listen(0, '127.0.0.1');
    pointSmtpAt(connection, at.host, at.port);
    // Fio's own listener is looked up when the customer writes: receivers start just after Fio listens.
    const towardsFio = () => {
      const listener = receiverAddress();
      if (!listener) throw new Error(`e-mail connection "${connection.id}" has no SMTP listener running (give it smtpListener)`);
      mailbox.setFioSmtp({ host: loopbackFor(listener.host), port: listener.port });
    };
    const customer: CustomerActions = {
      sendText: async (from, text) => {
        towardsFio();
        return mailbox.customer.sendText(from, text);
      },
      pickOption: async (from, message, optionIndex) => {
        towardsFio();
        return mailbox.customer.pickOption(from, message, optionIndex);
      },
    };
    return { emulator: mailbox, customer, close: () => mailbox.close() };
  },
  voice: async ({ connection, webhookUrl }) => {
    const config = z.object({ accountSid: z.string() }).parse(connection.ctx.config);
    const secrets = z.object({ authToken: z.string() }).parse(connection.ctx.secrets);
    const emulator = createTwilioVoiceEmulator({
      accountSid: config.accountSid,
      authToken: secrets.authToken,
      phoneNumber: playgroundBusinessNumber,
      webhookUrl: webhookUrl(),
    });
    return { emulator, customer: emulator.customer, hangUp: (from) => emulator.customer.hangUp(from) };
  },
};

function bindMeta({ connection, webhookUrl }: BindInput, platform: 'messenger' | 'instagram', id: string): BoundEmulator {
  const secrets = z.object({ pageAccessToken: z.string(), appSecret: z.string() }).parse(connection.ctx.secrets);
  const emulator = createMetaMessagingEmulator({
    accounts: [{ platform, id, accessToken: secrets.pageAccessToken, appSecret: secrets.appSecret, webhookUrl: webhookUrl() }],
    statusCallbacks: 'read',
  });
  return { emulator, customer: emulator.customerOf(id) };
}

/** A listener on every interface is reached on loopback. */
function loopbackFor(host: string): string {
  return host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
}

/** Builds the emulator for a playground connection, or null when the playground cannot play its type. */
export async function bindEmulator(input: BindInput): Promise<BoundEmulator | null> {
  const binder = binders[input.connection.type];
  return binder ? binder(input) : null;
}
