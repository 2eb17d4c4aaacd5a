import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { signApiRequest } from '@fio/channel-api';
import type { Role } from '@fio/contracts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../../apps/server/test/support/test-app.ts';
import { createAgent, sessionCookieName, type TestAgent } from '../../apps/server/test/support/agents.ts';
import { chromiumArgs, chromiumPath } from './widget-page.ts';

/** The demo API channel's default signing secret (workspaces/demo/workspace.yaml). */
const apiSecret = 'demo-api-signing-secret-change-me';

/**
 * A movable clock for the server: it starts on a working morning in São Paulo (so business-hours SLAs
 * run), ticks with real time, and jumps forward when a test says so.
 */
export function createTestClock(start = nextWorkingMorning(new Date())) {
  const realStart = Date.now();
  let offset = 0;
  return {
    now: () => new Date(start.getTime() + (Date.now() - realStart) + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** The next weekday (Tue–Fri, never a holiday of the demo) at 13:00 UTC = 10:00 in São Paulo. */
function nextWorkingMorning(from: Date): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + 1, 13, 0, 0));
  while (![2, 3, 4, 5].includes(d.getUTCDay()) || ['12-25', '01-01', '04-21', '09-07'].includes(d.toISOString().slice(5, 10)))
    d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export interface InboxHarness {
  fio: () => RunningApp;
  browser: () => Browser;
  clock: ReturnType<typeof createTestClock>;
  /** A person of the demo workspace, signed in (a session row), with its cookie set on a new browser context. */
  agentContext(options?: {
    role?: Role;
    name?: string;
    teams?: string[];
    locale?: string;
    viewport?: { width: number; height: number };
  }): Promise<{
    agent: TestAgent;
    context: BrowserContext;
    page: Page;
  }>;
  /** A customer writes through the business's app (the signed API channel); resolves to the conversation id. */
  customerWrites(messageId: string, text: string, from?: { id: string; name?: string; email?: string }): Promise<string>;
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export function useInboxHarness(): InboxHarness {
  let browser: Browser | undefined;
  let te: TestEnvironment | undefined;
  let fio: RunningApp | undefined;
  const clock = createTestClock();
  // Where the demo API channel posts the replies meant for the business's app.
  let sink: Server | undefined;
  before(async () => {
    sink = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => sink?.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/app-callback`;
    te = await createTestEnvironment('sqlite', { FIO_DEMO_API_CALLBACK_URL: sinkUrl });
    fio = await startTestApp(te, { clock: clock.now });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await fio?.app.close();
    await te?.cleanup();
    await new Promise((resolve) => sink?.close(resolve));
  });
  const running = () => {
    if (!fio) throw new Error('Fio is not started yet (use it inside a test)');
    return fio;
  };
  const theBrowser = () => {
    if (!browser) throw new Error('Chromium is not started yet (use it inside a test)');
    return browser;
  };
  return {
    fio: running,
    browser: theBrowser,
    clock,
    async agentContext(options = {}) {
      const f = running();
      const agent = await createAgent(f.app.database.db, f.workspaceId, {
        role: options.role ?? 'agent',
        ...(options.name ? { name: options.name } : {}),
        teams: options.teams ?? [],
        now: clock.now(),
      });
      const context = await theBrowser().newContext({
        locale: options.locale ?? 'en-US',
        viewport: options.viewport ?? { width: 1440, height: 900 },
      });
      const url = new URL(f.baseUrl);
      await context.addCookies([
        {
          name: sessionCookieName,
          value: agent.cookie.split('=')[1] ?? '',
          domain: url.hostname,
          path: '/',
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
      const page = await context.newPage();
      return { agent, context, page };
    },
    async customerWrites(messageId, text, from = { id: 'app-user-1', name: 'Joana Prado' }) {
      const body = JSON.stringify({ messageId, from, text });
      const res = await fetch(`${running().baseUrl}/webhooks/api/demo-api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(apiSecret, body, clock.now()) },
        body,
      });
      if (res.status !== 200) throw new Error(`the API channel refused the message: ${res.status} ${await res.text()}`);
      const ingest = (await res.json()) as { messages: Array<{ conversationId: string }> };
      const id = ingest.messages[0]?.conversationId;
      if (!id) throw new Error('no conversation in the ingest answer');
      return id;
    },
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${running().baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${running().adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

/** The conversation's row in the inbox list. */
export const conversationRow = (page: Page, conversationId: string) =>
  page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversationId}"]`);

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
