import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { signApiRequest } from '@fio/channel-api';
import { createWhatsAppEmulator, listenEmulator, type WhatsAppEmulator } from '@fio/emulators';
import { startCallbackReceiver } from '../support/callback-receiver.ts';
import type { DialectName } from '../support/databases.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';

export const apiSecret = 'conversation-screen-api-secret-0123';
export const waPhoneNumberId = '106540352242922';
const waToken = 'conversation-screen-wa-token';
const waAppSecret = 'conversation-screen-wa-app-secret';

export interface ConversationScreenHarness {
  running: RunningApp;
  te: TestEnvironment;
  whatsapp: WhatsAppEmulator;
  callbacks: Awaited<ReturnType<typeof startCallbackReceiver>>;
  /** Moves the app's and the emulator's clocks forward. */
  advance(ms: number): void;
  /** A customer message through the API channel; resolves to its conversation id. */
  apiCustomerSays(from: { id: string; phone?: string; name?: string }, text: string): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read loosely, each test asserts their shape
  call(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: any }>;
  admin(): Record<string, string>;
  close(): Promise<void>;
}

/**
 * The demo workspace in the real app with its API channel answering to a local back end and its
 * WhatsApp connection pointed at the Graph emulator on loopback, under a clock tests can move.
 */
export async function startConversationScreenHarness(
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<ConversationScreenHarness> {
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  let webhookUrl = '';
  const whatsapp = createWhatsAppEmulator({
    phoneNumberId: waPhoneNumberId,
    accessToken: waToken,
    appSecret: waAppSecret,
    webhookUrl: () => webhookUrl,
    now: clock,
  });
  const graph = await listenEmulator(whatsapp);
  const callbacks = await startCallbackReceiver(apiSecret);
  const te = await createTestEnvironment(dialect, {
    FIO_DEMO_API_CALLBACK_URL: callbacks.url,
    FIO_DEMO_API_SECRET: apiSecret,
    FIO_DEMO_WHATSAPP_API_URL: graph.url,
    FIO_DEMO_WHATSAPP_PHONE_NUMBER_ID: waPhoneNumberId,
    FIO_DEMO_WHATSAPP_ACCESS_TOKEN: waToken,
    FIO_DEMO_WHATSAPP_APP_SECRET: waAppSecret,
    ...env,
  });
  const running = await startTestApp(te, { clock });
  webhookUrl = `${running.baseUrl}/webhooks/whatsapp/demo-whatsapp`;
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  return {
    running,
    te,
    whatsapp,
    callbacks,
    advance: (ms) => {
      offsetMs += ms;
    },
    async apiCustomerSays(from, text) {
      const body = JSON.stringify({ messageId: `m-${randomBytes(6).toString('hex')}`, from, text });
      const res = await fetch(`${running.baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body, clock()) },
        body,
      });
      assert.equal(res.status, 200, await res.clone().text());
      const id = ((await res.json()) as { messages: Array<{ conversationId: string }> }).messages[0]?.conversationId;
      assert.ok(id);
      return id;
    },
    call,
    admin: () => ({ authorization: `Bearer ${running.adminToken}` }),
    async close() {
      await running.app.close();
      await graph.close();
      await callbacks.close();
      await te.cleanup();
    },
  };
}
