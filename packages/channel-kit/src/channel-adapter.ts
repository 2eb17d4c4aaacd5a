import type { z } from 'zod';
import type {
  ChannelCapabilities,
  ChannelType,
  Content,
  ConversationStatus,
  InboundEvent,
  MessageAuthor,
  MessageView,
  ServerFrame,
} from '@fio/contracts';

/** An HTTP request as the provider sent it: the adapter verifies and parses it, purely. */
export interface RawWebhookRequest {
  method: string;
  /** The public URL the provider called (some signatures cover it, e.g. Twilio). */
  url: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
}

/** One channel connection's settings: credentials are per connection, never module state. */
export interface ConnectionContext<Config, Secrets> {
  connectionId: string;
  workspaceId: string;
  config: Config;
  secrets: Secrets;
  /**
   * This connection's public webhook URL (`FIO_PUBLIC_URL/webhooks/TYPE/ID`), when Fio knows its public
   * address: for providers told where to call back (status callbacks, TwiML actions, setWebhook).
   */
  webhookUrl?: string;
  /**
   * The clock, for checks that depend on time (signature timestamps). The HTTP edge passes the
   * request's arrival time; adapters fall back to the system clock when it is absent.
   */
  now?: () => Date;
}

export type VerifyResult =
  { ok: true } | { ok: false; reason: 'missing_secret' | 'missing_signature' | 'bad_signature' | 'stale_timestamp' };

export type ParseResult = { ok: true; events: InboundEvent[] } | { ok: false; reason: string };

/** A provider's verification handshake (GET hub.challenge and the like). */
export type HandshakeResult = { handled: false } | { handled: true; status: number; body: string; contentType?: string };

/** Pushes frames to live sockets of one channel address (the realtime gateway implements it). */
export interface RealtimePush {
  /** Returns how many live sockets received the frame. */
  push(connectionId: string, address: string, frame: ServerFrame): number;
}

export interface OutboundMessage {
  messageId: string;
  conversationId: string;
  recipient: { address: string };
  /** Already fitted to the channel's capabilities. */
  content: Content;
  /** The stored message as clients see it (for channels that push our own frames). */
  view: MessageView;
  /** Who wrote it: channels with rules for people (Messenger's human-agent tag) read this. */
  author?: MessageAuthor;
  /**
   * The conversation's status once this message is out: `queued`/`assigned` means a person takes over
   * (voice dials the team's number), `resolved` that it ended.
   */
  conversationStatus?: ConversationStatus;
  /** When the customer's last message on this channel arrived (ISO 8601): reply windows count from it. */
  lastInboundAt?: string | null;
  /** Given only to channels whose definition asks for it (`wantsThread`): e-mail threads and quotes. */
  thread?: OutboundThread;
}

/** The conversation's recent history on this connection, for channels that thread or quote. */
export interface OutboundThread {
  /** Oldest first; the message being sent is not included. */
  recent: MessageView[];
  /** Provider ids of this conversation's messages on this connection, oldest first (e-mail References). */
  providerMessageIds: string[];
  /** Provider id of the customer's latest message on this connection (e-mail In-Reply-To, WhatsApp context). */
  inReplyToProviderMessageId: string | null;
  /** A short opaque token naming the conversation, for reply addresses (`support+TOKEN@...`). */
  conversationToken: string;
  /** This adapter's own `raw` payload of the customer's latest message on this connection (its subject line, say). */
  latestInboundRaw: unknown;
}

export interface SendContext<Config, Secrets> extends ConnectionContext<Config, Secrets> {
  fetch: typeof fetch;
  now: () => Date;
  realtime: RealtimePush;
}

export interface SendResult {
  providerMessageId: string;
  /** Where the provider says the message is after the call. */
  status: 'sent' | 'delivered';
}

export interface ChannelDefinition<Config, Secrets> {
  type: ChannelType;
  displayName: string;
  configSchema: z.ZodType<Config>;
  secretsSchema: z.ZodType<Secrets>;
  capabilities: ChannelCapabilities;
  /** Largest webhook body accepted, in bytes. */
  maxBodyBytes: number;
  /** The provider's documented send limits; the delivery worker paces each connection within them. */
  pacing?: ChannelPacing;
  /** Whether outbound messages need `OutboundMessage.thread` (history and provider ids). */
  wantsThread?: boolean;
  /**
   * Whether a customer's "STOP"/"PARAR"/"SAIR"/"CANCELAR" on this channel withdraws consent for it
   * (true for channels that reach a person's phone or inbox unasked; false for the business's own surfaces).
   */
  honoursOptOutKeywords?: boolean;
}

/** Sends per second the provider allows: for the whole connection (number, bot, page) and per recipient. */
export interface ChannelPacing {
  perConnectionPerSecond: number;
  perRecipientPerSecond?: number;
  /** Messages allowed back to back before pacing starts (defaults to perConnectionPerSecond). */
  burst?: number;
  /** Messages to one recipient allowed back to back (defaults to 1). */
  perRecipientBurst?: number;
}

/** An approved template as the provider lists it: the body with {{1}}, {{2}} ... placeholders. */
export interface MessageTemplate {
  name: string;
  /** BCP 47, as Fio's template content carries it (pt-BR). */
  language: string;
  category: string | null;
  body: string;
  /** How many parameters the body takes. */
  parameterCount: number;
}

/** Media fetched from a provider (inbound) or carried in the payload itself (e-mail attachments). */
export interface FetchedMedia {
  body: Uint8Array;
  mimeType: string;
  filename?: string;
}

export interface FetchMediaRequest {
  /** The media content's `url` as the adapter wrote it in the inbound event (a provider id or URL). */
  ref: string;
  mimeType?: string;
  /** Refuse (ChannelError 'rejected') anything larger: checked while reading, not after. */
  maxBytes: number;
}

/** What a channel that receives by other means than a webhook (an SMTP listener, IMAP polling) is given. */
export interface ReceiverContext<Config, Secrets> extends ConnectionContext<Config, Secrets> {
  /**
   * Records events exactly like a webhook would (dedupe, contact, conversation, turn). Media content whose
   * `url` is `attachment:KEY` is stored from `attachments[KEY]` first. Resolves only once committed:
   * acknowledge to the sender (SMTP 250, IMAP flag) after it, never before.
   */
  ingest(events: InboundEvent[], attachments?: Readonly<Record<string, FetchedMedia>>): Promise<void>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now: () => Date;
}

export interface RunningReceiver {
  /** Where it listens, when it listens (an SMTP port): shown at start-up and used by tests. */
  address?: { host: string; port: number };
  stop(): Promise<void>;
}

/** The HTTP webhook side of a provider channel (absent for channels that arrive another way, like webchat). */
export interface WebhookHandler<Config, Secrets> {
  handshake?: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => HandshakeResult;
  /** Pure and constant-time; a missing secret is `missing_secret`, never a pass. */
  verifyRequest: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => VerifyResult;
  /** Pure: provider payload → canonical events. */
  toInboundEvents: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => ParseResult;
  /** The body the provider expects in the 2xx that acknowledges a webhook (default: 200 `{"ok":true}`). */
  acknowledge?: (events: InboundEvent[], req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => WebhookAck;
  /**
   * Calls the provider makes us answer after a webhook is recorded (Telegram's answerCallbackQuery).
   * Best effort, after the 2xx: a failure is logged, never un-records the message.
   */
  afterIngest?: (events: InboundEvent[], ctx: SendContext<Config, Secrets>) => Promise<void>;
}

export interface WebhookAck {
  status: number;
  body: string;
  contentType: string;
}

export interface ChannelAdapter<Config = unknown, Secrets = unknown> {
  definition: ChannelDefinition<Config, Secrets>;
  webhook?: WebhookHandler<Config, Secrets>;
  /** Throws ChannelError on failure. */
  sendMessage: (message: OutboundMessage, ctx: SendContext<Config, Secrets>) => Promise<SendResult>;
  /**
   * Shows (or stops showing) that the bot is writing, for channels that declare `typingIndicator` and
   * are not pushed frames (Telegram's sendChatAction). Best effort: a failure is logged, nothing retried.
   */
  sendTyping?: (address: string, on: boolean, ctx: SendContext<Config, Secrets>) => Promise<void>;
  /**
   * The connection's approved message templates (WhatsApp's), for channels that declare `templates`:
   * what an agent may send once the reply window has closed. Throws ChannelError on failure.
   */
  listMessageTemplates?: (ctx: SendContext<Config, Secrets>) => Promise<MessageTemplate[]>;
  /** Downloads inbound media through the provider API (for media content this adapter produced). */
  fetchMedia?: (req: FetchMediaRequest, ctx: SendContext<Config, Secrets>) => Promise<FetchedMedia>;
  /** Starts receiving (SMTP listener, IMAP poller) for one connection; the server stops it on shutdown. */
  startReceiver?: (ctx: ReceiverContext<Config, Secrets>) => Promise<RunningReceiver>;
  /** Releases what the adapter holds across calls (pooled SMTP connections); called once at shutdown. */
  close?: () => Promise<void>;
}

// A registry holds adapters of different configs; their types are checked where each is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelAdapter = ChannelAdapter<any, any>;

export function defineChannel<Config, Secrets>(adapter: ChannelAdapter<Config, Secrets>): ChannelAdapter<Config, Secrets> {
  return adapter;
}
