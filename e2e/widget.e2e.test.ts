// The widget in a real browser (playwright-core + Debian's Chromium).
// The WebSocket/HTTP server below is a FAKE: only a protocol peer for the widget's own test,
// scripted to speak the /ws frames of packages/contracts/src/ws-frames.ts. The full-stack journey
// (widget → real Fio server → bot) runs against the real server elsewhere.
// Set FIO_SCREENSHOT=path/to/file.png to save the demo page with the widget open and a short conversation.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, MessageView, ServerFrame } from '@fio/contracts';
import { buildWidget } from '../apps/widget/build-widget.ts';
import { bubbles, chromiumArgs, chromiumPath as CHROMIUM, openChat as openPanel, say as sendText } from './support/widget-page.ts';

const widgetDir = join(import.meta.dirname, '..', 'apps', 'widget');

const GREETING_OPTIONS = [
  { id: 'track_order', label: 'Rastrear pedido' },
  { id: 'talk_to_agent', label: 'Falar com atendente' },
];

/** Scripted protocol peer: keeps history per visitorId, acks and echoes, answers as a bot. */
function startFakeFio(distDir: string) {
  const conversations = new Map<string, { id: string; messages: MessageView[]; byClientId: Map<string, MessageView> }>();
  const received: ClientFrame[] = [];
  const sockets = new Map<WebSocket, string>();
  let accepting = true;
  let rateLimitOnce = new Set<string>();

  const pages: Record<string, string> = {
    '/blank': '<!doctype html><title>blank</title><p>blank</p>',
    '/blank-with-widget':
      '<!doctype html><title>blank</title><p>blank</p><script src="/widget.js" data-connection="demo-webchat" async></script>',
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'content-type': type }).end(body);
    if (path === '/widget.js') return send('text/javascript', readFileSync(join(distDir, 'widget.js')));
    if (path.startsWith('/widget/') && existsSync(join(distDir, basename(path))))
      return send('text/javascript', readFileSync(join(distDir, basename(path))));
    if (path === '/demo') return send('text/html; charset=utf-8', readFileSync(join(widgetDir, 'demo', 'index.html')));
    const page = pages[path];
    if (page) return send('text/html; charset=utf-8', page);
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: '/ws' });

  function push(visitorId: string, frame: ServerFrame): void {
    for (const [socket, owner] of sockets) if (owner === visitorId) socket.send(JSON.stringify(frame));
  }

  function append(
    visitorId: string,
    message: Omit<
      MessageView,
      'id' | 'seq' | 'conversationId' | 'channelType' | 'connectionId' | 'providerMessageId' | 'status' | 'error' | 'createdAt'
    >,
  ): MessageView {
    const conversation = conversations.get(visitorId);
    assert.ok(conversation);
    const seq = conversation.messages.length + 1;
    const view: MessageView = {
      id: `${conversation.id}-m${seq}`,
      conversationId: conversation.id,
      seq,
      channelType: 'webchat',
      connectionId: 'demo-webchat',
      providerMessageId: null,
      status: 'sent',
      error: null,
      createdAt: new Date().toISOString(),
      ...message,
    };
    conversation.messages.push(view);
    return view;
  }

  function botSays(visitorId: string, text: string, quickReplies = GREETING_OPTIONS): MessageView {
    return append(visitorId, { direction: 'outbound', author: 'bot', content: { kind: 'text', text, quickReplies }, text });
  }

  wss.on('connection', (socket) => {
    if (!accepting) return socket.close();
    socket.on('message', (raw) => {
      const frame: ClientFrame = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8'));
      received.push(frame);
      if (frame.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
      if (frame.type === 'hello') {
        sockets.set(socket, frame.visitorId);
        if (!conversations.has(frame.visitorId)) {
          conversations.set(frame.visitorId, { id: `conv-${conversations.size + 1}`, messages: [], byClientId: new Map() });
          botSays(frame.visitorId, 'Como posso ajudar?');
        }
        const conversation = conversations.get(frame.visitorId);
        assert.ok(conversation);
        const welcome: ServerFrame = {
          type: 'welcome',
          conversationId: conversation.id,
          status: 'bot',
          history: conversation.messages.filter((m) => m.seq > (frame.afterSeq ?? 0)),
          settings: { title: 'Loja Exemplo', locale: 'pt-BR', greeting: 'Olá! Sou o assistente virtual da Loja Exemplo.' },
        };
        return socket.send(JSON.stringify(welcome));
      }
      const visitorId = sockets.get(socket);
      if (!visitorId || frame.type !== 'message') return;
      const conversation = conversations.get(visitorId);
      assert.ok(conversation);
      if (rateLimitOnce.has(frame.content.text)) {
        rateLimitOnce.delete(frame.content.text);
        // Like a server that refuses the frame before reading it: no clientMessageId to go by.
        return socket.send(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'too many frames, slow down' }));
      }
      const known = conversation.byClientId.get(frame.clientMessageId);
      if (known)
        return socket.send(
          JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, messageId: known.id, seq: known.seq, duplicate: true }),
        );
      const inbound = append(visitorId, { direction: 'inbound', author: 'contact', content: frame.content, text: frame.content.text });
      conversation.byClientId.set(frame.clientMessageId, inbound);
      socket.send(
        JSON.stringify({ type: 'ack', clientMessageId: frame.clientMessageId, messageId: inbound.id, seq: inbound.seq, duplicate: false }),
      );
      push(visitorId, { type: 'message', message: inbound });
      push(visitorId, { type: 'typing', on: true, author: 'bot' });
      setTimeout(() => {
        const reply =
          frame.content.payload === 'track_order'
            ? botSays(visitorId, 'Claro! Qual é o número do seu pedido?', [])
            : botSays(visitorId, `Você disse: "${frame.content.text}". Posso ajudar com mais alguma coisa?`, [
                { id: 'track_order', label: 'Rastrear pedido' },
                { id: 'returns', label: 'Trocas e devoluções' },
              ]);
        push(visitorId, { type: 'message', message: reply });
      }, 200);
    });
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    server,
    received,
    dropAll: () => {
      for (const socket of sockets.keys()) socket.terminate();
    },
    setAccepting: (value: boolean) => (accepting = value),
    rateLimitOnce: (text: string) => rateLimitOnce.add(text),
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
      rateLimitOnce = new Set();
    },
  };
}

if (!existsSync(CHROMIUM)) {
  test('widget e2e', (t) => t.skip('chromium not installed at /usr/bin/chromium'));
} else {
  describe('widget in a real browser', () => {
    let browser: Browser;
    let fake: ReturnType<typeof startFakeFio>;
    let baseUrl = '';
    const distDir = mkdtempSync(join(tmpdir(), 'fio-widget-e2e-'));

    before(async () => {
      await buildWidget(distDir);
      fake = startFakeFio(distDir);
      await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: chromiumArgs,
      });
    });

    after(async () => {
      await browser?.close();
      await fake?.close();
      rmSync(distDir, { recursive: true, force: true });
    });

    test('opens the panel, shows the reply to "oi", sends quick-reply payloads and keeps history after a reload', async () => {
      const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo`);
      await page.getByRole('button', { name: 'Abrir chat' }).click();
      await page.locator('fio-chat .panel').waitFor({ state: 'visible' });
      assert.equal(await page.locator('fio-chat h2').textContent(), 'Loja Exemplo');
      await bubbles(page, 'Olá! Sou o assistente virtual').waitFor();
      await page.locator('fio-chat .quick button', { hasText: 'Rastrear pedido' }).waitFor();
      assert.equal(
        await page.evaluate(() => document.querySelector('fio-chat')?.shadowRoot?.activeElement?.tagName),
        'TEXTAREA',
        'focus moves into the input',
      );

      await sendText(page, 'oi');
      await bubbles(page, 'Você disse: "oi"').waitFor();
      assert.equal(await bubbles(page, /^oi$/).count(), 1, 'the echo does not duplicate the visitor message');

      await page.locator('fio-chat .quick button', { hasText: 'Rastrear pedido' }).click();
      await bubbles(page, 'Qual é o número do seu pedido?').waitFor();
      const picked = fake.received.find((f) => f.type === 'message' && f.content.payload === 'track_order');
      assert.deepEqual(picked?.type === 'message' ? picked.content : null, {
        kind: 'text',
        text: 'Rastrear pedido',
        payload: 'track_order',
      });

      if (process.env.FIO_SCREENSHOT) await page.screenshot({ path: process.env.FIO_SCREENSHOT });

      const hellosBefore = fake.received.filter((f) => f.type === 'hello');
      await page.reload();
      await openPanel(page);
      await bubbles(page, 'Qual é o número do seu pedido?').waitFor();
      assert.equal(await bubbles(page, /^oi$/).count(), 1);
      const hellos = fake.received.filter((f) => f.type === 'hello');
      const lastHello = hellos.at(-1);
      assert.ok(hellos.length > hellosBefore.length);
      assert.equal(lastHello?.type === 'hello' ? lastHello.afterSeq : 'none', undefined, 'a page load fetches the whole history');
      assert.equal(
        lastHello?.type === 'hello' ? lastHello.visitorId : '',
        hellosBefore[0]?.type === 'hello' ? hellosBefore[0].visitorId : 'x',
      );
      await context.close();
    });

    test('works with the keyboard only: Tab reaches the launcher, Enter opens, Escape closes and returns focus', async () => {
      const context = await browser.newContext({ locale: 'pt-BR' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo`);
      await page.locator('fio-chat .launcher').waitFor();
      const focusedInWidget = () => page.evaluate(() => document.querySelector('fio-chat')?.shadowRoot?.activeElement?.className ?? '');
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = (await focusedInWidget()) === 'launcher';
      }
      assert.ok(reached, 'the launcher is reachable with Tab');
      await page.keyboard.press('Enter');
      await page.locator('fio-chat .panel').waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.querySelector('fio-chat')?.shadowRoot?.activeElement?.tagName), 'TEXTAREA');
      await page.keyboard.type('pelo teclado');
      await page.keyboard.press('Enter');
      await bubbles(page, 'Você disse: "pelo teclado"').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('fio-chat .panel').waitFor({ state: 'hidden' });
      assert.equal(await focusedInWidget(), 'launcher');
      assert.equal(await page.locator('fio-chat .launcher').getAttribute('aria-expanded'), 'false');
      await context.close();
    });

    test('queues messages typed while offline and sends each once when the connection comes back', async () => {
      const context = await browser.newContext({ locale: 'pt-BR' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo`);
      await openPanel(page);
      await bubbles(page, 'Como posso ajudar?').waitFor();
      fake.setAccepting(false);
      fake.dropAll();
      await page.locator('fio-chat .banner', { hasText: 'Reconectando…' }).waitFor();
      await sendText(page, 'mensagem offline');
      await page.locator('fio-chat .msg.pending', { hasText: 'mensagem offline' }).waitFor();
      const stored = await page.evaluate(() => localStorage.getItem('fio-chat:demo-webchat:outbox'));
      assert.match(stored ?? '', /mensagem offline/);
      fake.setAccepting(true);
      await bubbles(page, 'Você disse: "mensagem offline"').waitFor({ timeout: 20_000 });
      await page.locator('fio-chat .banner').waitFor({ state: 'hidden' });
      assert.equal(await bubbles(page, /^mensagem offline$/).count(), 1);
      assert.equal(await page.evaluate(() => localStorage.getItem('fio-chat:demo-webchat:outbox')), '[]');
      const resumed = fake.received.filter((f) => f.type === 'hello').at(-1);
      assert.ok(resumed?.type === 'hello' && typeof resumed.afterSeq === 'number', 'a reconnect asks only for what was missed');
      await context.close();
    });

    test('shows a readable notice and keeps working when the server rate-limits a message', async () => {
      const context = await browser.newContext({ locale: 'pt-BR' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo`);
      await openPanel(page);
      await bubbles(page, 'Como posso ajudar?').waitFor();
      fake.rateLimitOnce('calma');
      await sendText(page, 'calma');
      await page.locator('fio-chat .banner', { hasText: 'rápido demais' }).waitFor();
      await bubbles(page, 'Você disse: "calma"').waitFor({ timeout: 15_000 });
      assert.equal(await bubbles(page, /^calma$/).count(), 1);
      await context.close();
    });

    test('keeps its look when the host page restyles everything, and adds no global but FioChat', async () => {
      const context = await browser.newContext({ locale: 'pt-BR' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/demo`);
      await openPanel(page);
      await bubbles(page, 'Como posso ajudar?').waitFor();
      // Anonymous callbacks only: tsx would wrap named inner functions in a __name helper the page lacks.
      const probe = () =>
        page.evaluate(
          (selectors) => {
            const root = document.querySelector('fio-chat')?.shadowRoot;
            return selectors.map((selector) => {
              const node = root?.querySelector(selector);
              if (!node) return `${selector}: missing`;
              const s = getComputedStyle(node);
              return [
                selector,
                s.fontFamily,
                s.fontSize,
                s.color,
                s.backgroundColor,
                s.textTransform,
                s.letterSpacing,
                s.lineHeight,
                s.width,
                s.height,
              ].join('|');
            });
          },
          ['textarea', '.launcher', '.msg .bubble p', '.quick button', '.send', '.panel'],
        );
      const before = await probe();
      await page.addStyleTag({
        content: `html{font-size:40px!important} *{font-family:"Comic Sans MS",cursive!important;color:#f0f!important;letter-spacing:3px!important;text-transform:uppercase!important;line-height:4!important}
          button,textarea,p,div,section{background:#ff0!important;width:500px!important;height:300px!important;font-size:30px!important}`,
      });
      assert.deepEqual(await probe(), before);

      await page.goto(`${baseUrl}/blank`);
      const bare = await page.evaluate(() => Object.getOwnPropertyNames(window));
      await page.goto(`${baseUrl}/blank-with-widget`);
      await page.locator('fio-chat .launcher').waitFor();
      const withWidget = await page.evaluate(() => Object.getOwnPropertyNames(window));
      assert.deepEqual(
        withWidget.filter((name) => !bare.includes(name)),
        ['FioChat'],
      );
      await context.close();
    });
  });
}
