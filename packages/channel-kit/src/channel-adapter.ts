import type { z } from 'zod';
import type { ChannelCapabilities, ChannelType, Content, InboundEvent, MessageView, ServerFrame } from '@fio/contracts';

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
}

/** The HTTP webhook side of a provider channel (absent for channels that arrive another way, like webchat). */
export interface WebhookHandler<Config, Secrets> {
  handshake?: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => HandshakeResult;
  /** Pure and constant-time; a missing secret is `missing_secret`, never a pass. */
  verifyRequest: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => VerifyResult;
  /** Pure: provider payload → canonical events. */
  toInboundEvents: (req: RawWebhookRequest, ctx: ConnectionContext<Config, Secrets>) => ParseResult;
  /** The body the provider expects in the 2xx that acknowledges a webhook (default: 200 `{"ok":true}`). */
  acknowledge?: (events: InboundEvent[]) => { status: number; body: string; contentType: string };
}

export interface ChannelAdapter<Config = unknown, Secrets = unknown> {
  definition: ChannelDefinition<Config, Secrets>;
  webhook?: WebhookHandler<Config, Secrets>;
  /** Throws ChannelError on failure. */
  sendMessage: (message: OutboundMessage, ctx: SendContext<Config, Secrets>) => Promise<SendResult>;
}

// A registry holds adapters of different configs; their types are checked where each is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelAdapter = ChannelAdapter<any, any>;

export function defineChannel<Config, Secrets>(adapter: ChannelAdapter<Config, Secrets>): ChannelAdapter<Config, Secrets> {
  return adapter;
}
