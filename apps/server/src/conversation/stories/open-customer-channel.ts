import { createHmac, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { serverFrameSchema, type ServerFrame } from '@fio/contracts';
import { connectionIdOf, storySecrets, type StoryApp } from './start-story-app.ts';
import type { StoryChannel, StoryCustomer } from './story.schema.ts';

/** What the customer sends: text, and the option id when they picked a quick reply (its place in the list too). */
export interface CustomerMessage {
  text: string;
  payload?: string;
  /** 1-based place of the picked option among those offered: what an SMS customer types. */
  ordinal?: number;
}

export type SendOutcome = { ok: true } | { ok: false; reason: string };

/** The customer on one channel, writing through that channel's real inbound path. */
export interface CustomerChannel {
  send(message: CustomerMessage): Promise<SendOutcome>;
  close(): Promise<void>;
}

/**
 * Opens the customer's side of a channel: the widget socket with a signed identity (e-mail), a signed
 * WhatsApp or Twilio webhook from the customer's phone, or a signed API request carrying both. The
 * outcome says when the channel refused the message; it resolves once Fio stored it (2xx or ack).
 */
export async function openCustomerChannel(channel: StoryChannel, app: StoryApp, customer: StoryCustomer): Promise<CustomerChannel> {
  switch (channel) {
    case 'webchat':
      return openWidget(app, customer);
    case 'whatsapp':
      return {
        send: async (message) => {
          const from = { address: customer.phone, name: customer.name };
          if (message.payload === undefined) return answered(await app.whatsapp.customer.sendText(from, message.text));
          const view = [...app.whatsapp.delivered].reverse().find((v) => v.options?.some((o) => o.id === message.payload));
          const index = view?.options?.findIndex((o) => o.id === message.payload) ?? -1;
          if (!view || index < 0) return { ok: false, reason: `no WhatsApp message offered a button with payload ${message.payload}` };
          return answered(await app.whatsapp.customer.pickOption(from, view, index));
        },
        close: async () => undefined,
      };
    case 'sms':
      return {
        // SMS has no buttons: the customer types the option's number, as the numbered menu asks.
        send: async (message) =>
          answered(
            await app.sms.customer.sendText(
              { address: customer.phone },
              message.payload !== undefined && message.ordinal !== undefined ? String(message.ordinal) : message.text,
            ),
          ),
        close: async () => undefined,
      };
    case 'api':
      return {
        send: (message) => postApiMessage(app, customer, message),
        close: async () => undefined,
      };
  }
}

function answered(answer: { status: number; body: string }): SendOutcome {
  return answer.status >= 200 && answer.status < 300
    ? { ok: true }
    : { ok: false, reason: `HTTP ${answer.status}: ${answer.body.slice(0, 300)}` };
}

async function postApiMessage(app: StoryApp, customer: StoryCustomer, message: CustomerMessage): Promise<SendOutcome> {
  const body = JSON.stringify({
    messageId: `story-${randomUUID()}`,
    from: {
      id: `customer-${customer.phone.slice(1)}`,
      email: customer.email,
      phone: customer.phone,
      name: customer.name,
      locale: customer.locale,
    },
    ...(message.payload === undefined
      ? { text: message.text }
      : { content: { kind: 'text', text: message.text, payload: message.payload } }),
  });
  const res = await fetch(`${app.baseUrl}/webhooks/api/${connectionIdOf(app.app, app.workspaceId, 'api')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signAsBusiness(body, app.clock.now()) },
    body,
  });
  return answered({ status: res.status, body: await res.text() });
}

async function openWidget(app: StoryApp, customer: StoryCustomer): Promise<CustomerChannel> {
  const ws = new WebSocket(app.wsUrl);
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: WebSocket.RawData) => {
    const parsed = serverFrameSchema.safeParse(JSON.parse(rawToText(data)));
    if (parsed.success) frames.push(parsed.data);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

  const next = async <T extends ServerFrame>(pick: (f: ServerFrame) => T | null, timeoutMs = 10_000): Promise<T | null> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      for (const [i, frame] of frames.entries()) {
        const hit = pick(frame);
        if (hit) {
          frames.splice(i, 1);
          return hit;
        }
      }
      const left = until - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };

  const identity = {
    email: customer.email,
    name: customer.name,
    signature: signAsHostSite(customer.email),
  };
  const visitorId = `story_${randomUUID().replace(/-/g, '')}`;
  ws.send(
    JSON.stringify({
      type: 'hello',
      connectionId: connectionIdOf(app.app, app.workspaceId, 'webchat'),
      visitorId,
      locale: customer.locale,
      identity,
    }),
  );
  const welcome = await next((f) => (f.type === 'welcome' || f.type === 'error' ? f : null));
  if (!welcome || welcome.type !== 'welcome') {
    ws.close();
    throw new Error(`the widget was not welcomed: ${JSON.stringify(welcome)}`);
  }

  return {
    async send(message) {
      const clientMessageId = `story-${randomUUID()}`;
      const content = { kind: 'text', text: message.text, ...(message.payload === undefined ? {} : { payload: message.payload }) };
      ws.send(JSON.stringify({ type: 'message', clientMessageId, content }));
      const answer = await next((f) => ((f.type === 'ack' && f.clientMessageId === clientMessageId) || f.type === 'error' ? f : null));
      if (!answer) return { ok: false, reason: 'the widget got no acknowledgement within 10 s' };
      return answer.type === 'ack' ? { ok: true } : { ok: false, reason: `the widget refused it: ${JSON.stringify(answer)}` };
    },
    async close() {
      ws.close();
      await closed;
    },
  };
}

function rawToText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/*
 * The runner plays the business's back end and the host site, which sign on their own side as their
 * documentation says; the conversation module never imports a channel package, so it signs here.
 */

/** The API channel's request signature: hex HMAC-SHA256 over `${unix seconds}.${body}`. */
function signAsBusiness(body: string, now: Date): Record<string, string> {
  const seconds = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac('sha256', storySecrets.apiSigning).update(`${seconds}.${body}`).digest('hex');
  return { 'x-fio-timestamp': seconds, 'x-fio-signature': `sha256=${signature}` };
}

/** The widget identity signature for a logged-in user known by e-mail: hex HMAC-SHA256 over `${userId}:${email}`. */
function signAsHostSite(email: string): string {
  return createHmac('sha256', storySecrets.widgetIdentity).update(`:${email}`).digest('hex');
}
