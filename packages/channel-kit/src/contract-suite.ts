import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { channelTypeSchema, declareCapabilities, inboundEventSchema, type InboundEvent } from '@fio/contracts';
import type {
  AnyChannelAdapter,
  ChannelAdapter,
  ConnectionContext,
  OutboundMessage,
  ParseResult,
  RawWebhookRequest,
  RealtimePush,
  SendContext,
  SendResult,
} from './channel-adapter.ts';
import { ChannelError } from './channel-error.ts';
import { garbageBodies, wrongTypeBodies } from './hostile-bodies.ts';

/**
 * The one test suite every channel package runs from its own test file: a channel that passes it
 * can be plugged into Fio. Channel-specific behaviour is tested beside it, in the package.
 */
export interface ChannelContractFixtures<Config, Secrets> {
  /** A connection with valid config and secrets (the ones the fixture requests are signed with). */
  connection: ConnectionContext<Config, Secrets>;
  /** Signed requests the provider really sends; required when the channel has a webhook. */
  validRequests?: { name: string; request: RawWebhookRequest; expect?: (events: InboundEvent[]) => void }[];
  /** Requests whose signature, body or timestamp was changed after signing: verify must refuse each. */
  tamperedRequests?: { name: string; request: RawWebhookRequest }[];
  /** Correctly signed requests whose body is not a payload the channel accepts: parse must refuse each. */
  invalidRequests?: { name: string; request: RawWebhookRequest }[];
  /** Messages to send; each also runs against failing transports (network, 429, 5xx, 4xx, realtime). */
  sendCases: { name: string; message: OutboundMessage; expect?: (result: SendResult) => void }[];
  /** The happy-path transport: a fetch answering like the provider, the realtime gateway, the clock. */
  sendContext?: Partial<Pick<SendContext<Config, Secrets>, 'fetch' | 'realtime' | 'now'>>;
}

export function runChannelContractSuite<Config, Secrets>(
  adapter: ChannelAdapter<Config, Secrets>,
  fixtures: ChannelContractFixtures<Config, Secrets>,
): void {
  // The suite pokes adapters with deliberately wrong secrets and bodies, so it works on the loose type.
  const loose: AnyChannelAdapter = adapter;
  describe(`channel contract: ${adapter.definition.type}`, () => {
    describeDefinition(loose, fixtures);
    describeWebhook(loose, fixtures);
    describeSendMessage(loose, fixtures);
  });
}

function describeDefinition(adapter: AnyChannelAdapter, fixtures: ChannelContractFixtures<unknown, unknown>): void {
  const { definition } = adapter;
  describe('definition', () => {
    test('names a known channel type and a display name', () => {
      assert.equal(channelTypeSchema.safeParse(definition.type).success, true, `unknown type ${definition.type}`);
      assert.ok(definition.displayName.trim().length > 0);
    });

    test('declares config and secrets as zod schemas that accept the fixture connection', () => {
      assert.ok(definition.configSchema instanceof z.ZodType, 'configSchema is not a zod schema');
      assert.ok(definition.secretsSchema instanceof z.ZodType, 'secretsSchema is not a zod schema');
      const config = definition.configSchema.safeParse(fixtures.connection.config);
      assert.equal(config.success, true, `fixture config rejected: ${config.error?.message}`);
      const secrets = definition.secretsSchema.safeParse(fixtures.connection.secrets);
      assert.equal(secrets.success, true, `fixture secrets rejected: ${secrets.error?.message}`);
    });

    test('declares capabilities that parse unchanged with declareCapabilities', () => {
      assert.deepEqual(declareCapabilities(definition.capabilities), definition.capabilities);
    });

    test('limits webhook bodies to a positive size', () => {
      assert.ok(Number.isInteger(definition.maxBodyBytes) && definition.maxBodyBytes > 0);
    });
  });
}

function describeWebhook(adapter: AnyChannelAdapter, fixtures: ChannelContractFixtures<unknown, unknown>): void {
  const webhook = adapter.webhook;
  if (webhook === undefined) {
    test('has no webhook fixtures when the channel has no webhook', () => {
      assert.equal(fixtures.validRequests?.length ?? 0, 0, 'validRequests given but the adapter has no webhook');
      assert.equal(fixtures.tamperedRequests?.length ?? 0, 0, 'tamperedRequests given but the adapter has no webhook');
    });
    return;
  }
  const ctx = fixtures.connection;
  const valid = fixtures.validRequests ?? [];
  const tampered = fixtures.tamperedRequests ?? [];

  describe('webhook', () => {
    test('comes with valid and tampered fixtures', () => {
      assert.ok(valid.length > 0, 'give at least one valid request');
      assert.ok(tampered.length > 0, 'give at least one tampered request');
    });

    for (const fixture of valid) {
      test(`verifies the valid request "${fixture.name}"`, () => {
        assert.deepEqual(webhook.verifyRequest(fixture.request, ctx), { ok: true });
      });

      test(`parses "${fixture.name}" into schema-valid inbound events`, () => {
        const result = webhook.toInboundEvents(fixture.request, ctx);
        assert.equal(result.ok, true, result.ok ? '' : `parse refused: ${result.reason}`);
        if (!result.ok) return;
        assertSchemaValid(result.events);
        fixture.expect?.(result.events);
        if (webhook.acknowledge) {
          const ack = webhook.acknowledge(result.events, fixture.request, ctx);
          assert.ok(ack.status >= 200 && ack.status < 300, 'acknowledge must answer 2xx');
        }
      });

      test(`answers missing_secret, never ok, when the secret is missing for "${fixture.name}"`, () => {
        for (const secrets of missingSecretVariants(ctx.secrets)) {
          const result = webhook.verifyRequest(fixture.request, { ...ctx, secrets });
          assert.deepEqual(result, { ok: false, reason: 'missing_secret' }, `with secrets ${JSON.stringify(secrets)}`);
        }
      });
    }

    for (const fixture of tampered) {
      test(`rejects the tampered request "${fixture.name}"`, () => {
        const result = webhook.verifyRequest(fixture.request, ctx);
        assert.equal(result.ok, false);
        if (!result.ok) assert.notEqual(result.reason, 'missing_secret');
      });
    }

    const base = valid[0]?.request;
    if (base === undefined) return;

    test('rejects a request without any header and never throws', () => {
      const result = webhook.verifyRequest({ ...base, headers: {}, query: {} }, ctx);
      assert.equal(result.ok, false);
    });

    for (const fixture of fixtures.invalidRequests ?? []) {
      test(`refuses to parse the invalid request "${fixture.name}"`, () => {
        assert.equal(webhook.toInboundEvents(fixture.request, ctx).ok, false);
      });
    }

    test('refuses garbage bodies without throwing', () => {
      for (const [name, body] of garbageBodies(valid.map((fixture) => fixture.request.rawBody))) {
        let result: ParseResult;
        try {
          result = webhook.toInboundEvents({ ...base, rawBody: body }, ctx);
        } catch (error) {
          assert.fail(`parse threw on ${name}: ${String(error)}`);
        }
        assert.equal(result.ok, false, `parse accepted ${name}`);
        if (!result.ok) assert.ok(result.reason.length > 0, `empty reason for ${name}`);
        assert.doesNotThrow(() => webhook.verifyRequest({ ...base, rawBody: body }, ctx), `verify threw on ${name}`);
      }
    });

    test('survives fields of the wrong type without throwing or emitting invalid events', () => {
      for (const fixture of valid) {
        for (const [name, body] of wrongTypeBodies(fixture.request.rawBody)) {
          let result: ParseResult;
          try {
            result = webhook.toInboundEvents({ ...fixture.request, rawBody: body }, ctx);
          } catch (error) {
            assert.fail(`parse threw on "${fixture.name}" with ${name}: ${String(error)}`);
          }
          if (result.ok) assertSchemaValid(result.events, `"${fixture.name}" with ${name}`);
        }
      }
    });
  });
}

function describeSendMessage(adapter: AnyChannelAdapter, fixtures: ChannelContractFixtures<unknown, unknown>): void {
  describe('sendMessage', () => {
    test('comes with at least one send case', () => {
      assert.ok(fixtures.sendCases.length > 0);
    });

    for (const sendCase of fixtures.sendCases) {
      test(`sends "${sendCase.name}" and reports a provider id and status`, async () => {
        const result: unknown = await adapter.sendMessage(sendCase.message, buildSendContext(fixtures));
        assertSendResult(result);
        sendCase.expect?.(result);
      });

      for (const failure of transportFailures()) {
        test(`throws only ChannelError when sending "${sendCase.name}" and ${failure.name}`, async () => {
          let fetchCalled = false;
          const ctx = buildSendContext(fixtures, {
            fetch: async () => {
              fetchCalled = true;
              return failure.fetch();
            },
            realtime: { push: () => failure.push() },
          });
          let outcome: { result: unknown } | { error: unknown };
          try {
            outcome = { result: await adapter.sendMessage(sendCase.message, ctx) };
          } catch (error) {
            outcome = { error };
          }
          if ('result' in outcome) {
            assert.ok(!(fetchCalled && failure.mustFail), `resolved although the provider ${failure.name}`);
            assertSendResult(outcome.result);
            return;
          }
          assert.ok(outcome.error instanceof ChannelError, `threw ${String(outcome.error)} instead of a ChannelError`);
          if (fetchCalled && failure.retryable) {
            assert.equal(outcome.error.retryable, true, `${failure.name} must be retryable, got ${outcome.error.code}`);
          }
        });
      }
    }
  });
}

function buildSendContext(
  fixtures: ChannelContractFixtures<unknown, unknown>,
  overrides: Partial<Pick<SendContext<unknown, unknown>, 'fetch' | 'realtime'>> = {},
): SendContext<unknown, unknown> {
  const okFetch: typeof fetch = async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  const oneSocket: RealtimePush = { push: () => 1 };
  return {
    ...fixtures.connection,
    fetch: overrides.fetch ?? fixtures.sendContext?.fetch ?? okFetch,
    realtime: overrides.realtime ?? fixtures.sendContext?.realtime ?? oneSocket,
    now: fixtures.sendContext?.now ?? (() => new Date('2026-01-01T12:00:00Z')),
  };
}

interface TransportFailure {
  name: string;
  fetch: () => Promise<Response>;
  push: () => number;
  /** When the channel called fetch, it must not report success. */
  mustFail: boolean;
  /** When the channel called fetch, the ChannelError must be retryable. */
  retryable: boolean;
}

function transportFailures(): TransportFailure[] {
  const answer =
    (status: number, body: string, headers: Record<string, string> = {}) =>
    async () =>
      new Response(body, { status, headers });
  const onePush = () => 1;
  return [
    {
      name: 'the network fails',
      fetch: () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
      push: onePush,
      mustFail: true,
      retryable: true,
    },
    {
      name: 'the request times out',
      fetch: () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      push: onePush,
      mustFail: true,
      retryable: true,
    },
    {
      name: 'the provider answers 429',
      fetch: answer(429, '{"error":"slow down"}', { 'retry-after': '7' }),
      push: onePush,
      mustFail: true,
      retryable: true,
    },
    { name: 'the provider answers 500', fetch: answer(500, 'internal error'), push: onePush, mustFail: true, retryable: true },
    { name: 'the provider answers 503 with HTML', fetch: answer(503, '<html>down</html>'), push: onePush, mustFail: true, retryable: true },
    {
      name: 'the provider answers 400',
      fetch: answer(400, '{"error":{"message":"bad"}}'),
      push: onePush,
      mustFail: true,
      retryable: false,
    },
    { name: 'the provider answers 401', fetch: answer(401, ''), push: onePush, mustFail: true, retryable: false },
    {
      name: 'the provider answers 200 with garbage',
      fetch: answer(200, '\u0000not json'),
      push: onePush,
      mustFail: false,
      retryable: false,
    },
    {
      name: 'the realtime gateway throws',
      fetch: answer(200, '{}'),
      push: () => {
        throw new Error('redis connection lost');
      },
      mustFail: false,
      retryable: false,
    },
    { name: 'no socket is live', fetch: answer(200, '{}'), push: () => 0, mustFail: false, retryable: false },
  ];
}

function assertSchemaValid(events: InboundEvent[], where = ''): void {
  assert.ok(Array.isArray(events), `events is not an array ${where}`);
  for (const event of events) {
    const parsed = inboundEventSchema.safeParse(event);
    assert.equal(parsed.success, true, `invalid inbound event ${where}: ${parsed.error?.message}\n${JSON.stringify(event)}`);
  }
}

function assertSendResult(result: unknown): asserts result is SendResult {
  const parsed = z.object({ providerMessageId: z.string().min(1).max(256), status: z.enum(['sent', 'delivered']) }).safeParse(result);
  assert.equal(parsed.success, true, `invalid send result ${JSON.stringify(result)}`);
}

/** Secrets as they look when the operator forgot them: none at all, or every value blank. */
function missingSecretVariants(secrets: unknown): unknown[] {
  const variants: unknown[] = [{}];
  if (typeof secrets === 'object' && secrets !== null) {
    variants.push(Object.fromEntries(Object.keys(secrets).map((key) => [key, ''])));
    variants.push(Object.fromEntries(Object.keys(secrets).map((key) => [key, undefined])));
  }
  return variants;
}

export { buildOutboundMessage } from './build-outbound-message.ts';
export { garbageBodies, wrongTypeBodies } from './hostile-bodies.ts';
