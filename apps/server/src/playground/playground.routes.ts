import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelTypeSchema, type ChannelType } from '@fio/contracts';
import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import { AppError } from '../http/app-error.ts';
import type { Db } from '../storage/index.ts';
import type { Playground, PlaygroundChannel } from './create-playground.ts';
import { findPersonConversation } from './person-conversation.query.ts';
import type { PlaygroundEvents } from './playground-events.ts';
import { readCustomerAddress, sameAddress } from './read-customer-address.ts';

export interface PlaygroundRouteDeps {
  db: Db;
  connections: ConnectionRegistry;
  playground: Playground;
  events: PlaygroundEvents;
}

const channelParams = z.object({ channel: channelTypeSchema });
const from = z.string().trim().min(1, 'from is the customer (a phone, an e-mail, a user id)').max(320);
const sendBody = z.object({ from, text: z.string().trim().min(1, 'text is empty').max(4000), name: z.string().trim().max(100).optional() });
const pickBody = z.object({ from, messageIndex: z.number().int().min(0), optionIndex: z.number().int().min(0) });
const hangUpBody = z.object({ from });
/** `channel` says how to read `contact`; without it, an address with @ is an e-mail, anything else a phone. */
const conversationQuery = z.object({ channel: channelTypeSchema.optional(), contact: from });

/**
 * The playground's JSON API: play the customer on a channel (send, pick an offered option, hang up),
 * hear everything live (SSE), and read the one conversation Fio keeps for that person.
 */
export function registerPlaygroundRoutes(app: FastifyInstance, deps: PlaygroundRouteDeps): { endStreams(): void } {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = new Set<ServerResponse>();

  const channelFor = async (type: ChannelType): Promise<PlaygroundChannel> => {
    const channel = (await deps.playground.channels()).find((c) => c.type === type);
    if (!channel) throw new AppError('not_found', `the playground has no ${type} channel (its package or its demo connection is missing)`);
    return channel;
  };
  const customerOn = (type: ChannelType, raw: string, name?: string) => {
    const address = readCustomerAddress(type, raw);
    if (!address.ok) throw new AppError('validation_failed', `from: ${address.reason}`);
    return { address: address.address, ...(name ? { name } : {}) };
  };
  /** An emulator refusing the action (no call in progress, ...) is the customer's mistake, said in words. */
  const attempt = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('bad_request', err instanceof Error ? err.message : String(err));
    }
  };

  r.get('/playground/api/state', { schema: { hide: true } }, async () => {
    const channels = await deps.playground.channels();
    const workspaces = new Set(channels.map((c) => c.workspaceId));
    const widget = deps.connections.all().find((c) => c.type === 'webchat' && workspaces.has(c.workspaceId));
    return {
      channels: channels.map((c) => ({ type: c.type, connectionId: c.connectionId, name: c.name, calls: Boolean(c.bound.hangUp) })),
      widget: widget ? { connectionId: widget.id } : null,
      history: deps.events.history(),
    };
  });

  r.post('/playground/api/:channel/send', { schema: { hide: true, params: channelParams, body: sendBody } }, async (req) => {
    const channel = await channelFor(req.params.channel);
    const customer = customerOn(channel.type, req.body.from, req.body.name);
    deps.events.publish({
      type: 'customer',
      channel: channel.type,
      connectionId: channel.connectionId,
      from: customer.address,
      text: req.body.text,
      at: new Date().toISOString(),
    });
    const answer = await attempt(() => channel.bound.customer.sendText(customer, req.body.text));
    return { channel: channel.type, connectionId: channel.connectionId, from: customer.address, webhook: { status: answer.status } };
  });

  r.post('/playground/api/:channel/pick', { schema: { hide: true, params: channelParams, body: pickBody } }, async (req) => {
    const channel = await channelFor(req.params.channel);
    const customer = customerOn(channel.type, req.body.from);
    const view = channel.bound.emulator.delivered[req.body.messageIndex];
    if (!view || !sameAddress(view.to, customer.address))
      throw new AppError('bad_request', `message ${req.body.messageIndex} of ${channel.type} was not sent to ${customer.address}`);
    const option = view.options?.[req.body.optionIndex];
    if (!option) throw new AppError('bad_request', `that message offers no option ${req.body.optionIndex}`);
    const pickOption = channel.bound.customer.pickOption?.bind(channel.bound.customer);
    if (!pickOption) throw new AppError('bad_request', `${channel.type} customers answer by writing: nothing to pick`);
    deps.events.publish({
      type: 'customer',
      channel: channel.type,
      connectionId: channel.connectionId,
      from: customer.address,
      text: option.label,
      at: new Date().toISOString(),
    });
    const answer = await attempt(() => pickOption(customer, view, req.body.optionIndex));
    return { channel: channel.type, connectionId: channel.connectionId, from: customer.address, webhook: { status: answer.status } };
  });

  r.post('/playground/api/:channel/hangup', { schema: { hide: true, params: channelParams, body: hangUpBody } }, async (req, reply) => {
    const channel = await channelFor(req.params.channel);
    const hangUp = channel.bound.hangUp;
    if (!hangUp) throw new AppError('bad_request', `${channel.type} has no calls to hang up`);
    const customer = customerOn(channel.type, req.body.from);
    await attempt(() => hangUp(customer));
    return reply.status(204).send();
  });

  r.get('/playground/api/conversation', { schema: { hide: true, querystring: conversationQuery } }, async (req) => {
    const type = req.query.channel ?? (req.query.contact.includes('@') ? 'email' : 'sms');
    const channel = await channelFor(type);
    const address = readCustomerAddress(channel.type, req.query.contact);
    if (!address.ok) throw new AppError('validation_failed', `contact: ${address.reason}`);
    return findPersonConversation(deps.db, channel.workspaceId, address.kind, address.address);
  });

  r.get('/playground/api/events', { schema: { hide: true } }, async (req, reply) => {
    // Building the emulators now means no delivery happens before anyone listens for it.
    await deps.playground.channels().catch(() => undefined);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const unsubscribe = deps.events.subscribe((event) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    // A comment line now and then keeps proxies and the browser from dropping a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    streams.add(res);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  });

  return {
    endStreams() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
