import {
  ChannelError,
  defineChannel,
  hmacSha256Hex,
  safeEqual,
  type FetchedMedia,
  type OutboundMessage,
  type ReceiverContext,
} from '@fio/channel-kit';
import { declareCapabilities, inboundEventSchema, type InboundEvent } from '@fio/contracts';
import { z } from 'zod';

/**
 * Channels made for the server's own tests: they speak a tiny signed JSON protocol, record what Fio
 * hands them, and fail on demand. They stand in for a provider, never for Fio's logic.
 */
export interface FixtureChannelProbe {
  sent: OutboundMessage[];
  afterIngest: InboundEvent[][];
  media: Map<string, FetchedMedia>;
  receiver: ReceiverContext<unknown, unknown> | null;
  failSends: number;
  /** Runs after the provider "accepted" a send and before the adapter returns (a receipt racing the answer). */
  beforeSendReturns: ((providerMessageId: string) => Promise<void>) | null;
}

export function createFixtureProbe(): FixtureChannelProbe {
  return { sent: [], afterIngest: [], media: new Map(), receiver: null, failSends: 0, beforeSendReturns: null };
}

export const fixtureSecret = 'fixture-channel-secret-0123456789';

export function signFixtureBody(body: string): string {
  return hmacSha256Hex(fixtureSecret, body);
}

const secretsSchema = z.object({ secret: z.string().default('') });

/** A provider channel with webhooks (it takes the `sms` type in test workspaces). */
export function createWebhookFixtureChannel(probe: FixtureChannelProbe) {
  return defineChannel<Record<string, never>, z.infer<typeof secretsSchema>>({
    definition: {
      type: 'sms',
      displayName: 'Fixture SMS',
      configSchema: z.object({}).strict(),
      secretsSchema,
      capabilities: declareCapabilities({ maxTextLength: 1000, mediaTypes: ['image', 'file'], templates: true, replyWindowHours: 24 }),
      maxBodyBytes: 64 * 1024,
      honoursOptOutKeywords: true,
      wantsThread: true,
      pacing: { perConnectionPerSecond: 50 },
    },
    webhook: {
      verifyRequest: (req, ctx) => {
        if (!ctx.secrets.secret) return { ok: false, reason: 'missing_secret' };
        const given = req.headers['x-fixture-signature'];
        if (!given) return { ok: false, reason: 'missing_signature' };
        return safeEqual(hmacSha256Hex(ctx.secrets.secret, req.rawBody), given) ? { ok: true } : { ok: false, reason: 'bad_signature' };
      },
      toInboundEvents: (req) => {
        let json: unknown;
        try {
          json = JSON.parse(req.rawBody.toString('utf8'));
        } catch {
          return { ok: false, reason: 'body is not JSON' };
        }
        const parsed = z.array(inboundEventSchema).safeParse(json);
        return parsed.success ? { ok: true, events: parsed.data } : { ok: false, reason: parsed.error.message };
      },
      afterIngest: async (events) => {
        probe.afterIngest.push(events);
      },
    },
    sendMessage: async (message) => {
      if (probe.failSends > 0) {
        probe.failSends -= 1;
        throw new ChannelError({ code: 'provider_unavailable', message: 'fixture outage', retryable: true, retryAfterMs: 10 });
      }
      probe.sent.push(message);
      await probe.beforeSendReturns?.(`fx-${message.messageId}`);
      return { providerMessageId: `fx-${message.messageId}`, status: 'sent' };
    },
    fetchMedia: async (req) => {
      const file = probe.media.get(req.ref);
      if (!file) throw new ChannelError({ code: 'rejected', message: `no media ${req.ref}`, retryable: false, providerCode: '404' });
      if (file.body.byteLength > req.maxBytes)
        throw new ChannelError({ code: 'rejected', message: `media over ${req.maxBytes} bytes`, retryable: false });
      return file;
    },
  });
}

/** A channel that receives by other means than webhooks (it takes the `email` type in test workspaces). */
export function createReceiverFixtureChannel(probe: FixtureChannelProbe) {
  return defineChannel<Record<string, never>, Record<string, never>>({
    definition: {
      type: 'email',
      displayName: 'Fixture mail',
      configSchema: z.object({}).strict(),
      secretsSchema: z.object({}).strict(),
      capabilities: declareCapabilities({ maxTextLength: 10_000, mediaTypes: ['file', 'image'] }),
      maxBodyBytes: 1024,
      wantsThread: true,
      honoursOptOutKeywords: true,
    },
    sendMessage: async (message) => {
      probe.sent.push(message);
      return { providerMessageId: `<fx.${message.messageId}@fixture>`, status: 'sent' };
    },
    startReceiver: async (ctx) => {
      probe.receiver = ctx;
      return {
        stop: async () => {
          probe.receiver = null;
        },
      };
    },
  });
}
