// The agents' inbox in a real browser (Debian's Chromium) against the real Fio server: a widget visitor
// handed to a person, a transfer to a team, WhatsApp's closed 24-hour window answered with a template,
// a supervisor watching an SLA breach on a moved clock, and hostile message content shown as text.
// FIO_SCREENSHOT_DIR=docs/screenshots saves the README's inbox screenshots along the way.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { InboxConversation, MessageView } from '@fio/contracts';
import { eventually } from '../apps/server/test/support/test-app.ts';
import { bubbles, chromiumPath as CHROMIUM, collectPageProblems, openChat, say } from './support/widget-page.ts';
import { byTestId, conversationRow, useInboxHarness } from './support/inbox-harness.ts';

const screenshotDir = process.env['FIO_SCREENSHOT_DIR'];
const shoot = async (page: Page, name: string) => {
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, name) });
};

if (!existsSync(CHROMIUM)) {
  test('agents’ inbox journeys', (t) => t.skip('chromium not installed at /usr/bin/chromium'));
} else {
  describe('the agents’ inbox, against the real server', () => {
    const h = useInboxHarness();

    const messagesOf = async (conversationId: string) =>
      (await h.api<{ data: MessageView[] }>('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`)).body.data;
    const rowOf = async (conversationId: string, view = 'all') => {
      const list = await h.api<{ data: InboxConversation[] }>('GET', `/api/v1/inbox/conversations?view=${view}&limit=100`);
      return list.body.data.find((c) => c.id === conversationId);
    };

    test('a widget visitor asks for a person; an agent signs in, takes it from the queue, reads the context card and answers; the visitor gets the answer', async () => {
      // The visitor chats with the bot on the demo page, then asks for a person.
      const visitorContext = await h.browser().newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 820 } });
      const visitor = await visitorContext.newPage();
      await visitor.goto(`${h.fio().baseUrl}/demo`);
      await openChat(visitor);
      await say(visitor, 'quero saber do meu pedido 123456');
      await bubbles(visitor, /pedido|order/i)
        .nth(1)
        .waitFor();
      await say(visitor, 'quero falar com um atendente');
      const conversationId = await eventually(
        async () => (await h.api<{ data: InboxConversation[] }>('GET', '/api/v1/inbox/conversations?view=unassigned')).body.data[0]?.id,
        8000,
        'the handed-off conversation in the queue',
      );

      // An agent signs in through the sign-in screen (in English) and finds it among the unassigned.
      const { agent, context } = await h.agentContext({ name: 'Ana Souza' });
      await context.clearCookies();
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await page.goto(`${h.fio().baseUrl}/inbox/sign-in?lang=en`);
      const form = byTestId(page, 'sign-in-form');
      await form.locator('input[name=email]').fill(agent.email);
      await form.locator('input[name=password]').fill(agent.password);
      await byTestId(page, 'sign-in-submit').click();
      await byTestId(page, 'view-unassigned').click();
      const row = conversationRow(page, conversationId);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-status'), 'queued');
      await shoot(page, 'inbox-list.png');

      // The context card says why the bot handed off and what it already knows.
      await row.click();
      const screen = byTestId(page, 'conversation-screen');
      await screen.waitFor();
      const card = byTestId(page, 'handoff-context');
      await card.waitFor();
      assert.match((await byTestId(page, 'context-reason').textContent()) ?? '', /\S/);
      assert.match((await card.textContent()) ?? '', /pedido|order/i, 'the card shows what the customer asked about');
      await shoot(page, 'inbox-conversation.png');

      // The agent takes it and answers; the visitor reads the answer in the widget.
      await byTestId(page, 'action-take').click();
      await eventually(async () => (await screen.getAttribute('data-status')) === 'assigned', 5000, 'the conversation assigned');
      const answer = 'Olá! Aqui é a Ana, vou ver seu pedido agora.';
      await byTestId(page, 'composer-input').fill(answer);
      await byTestId(page, 'send').click();
      await bubbles(visitor, answer).waitFor({ timeout: 8000 });
      await byTestId(page, 'message').filter({ hasText: answer }).waitFor();

      // The visitor writes again: the agent sees it live, and the bot stays silent while a person holds it.
      const botBefore = (await messagesOf(conversationId)).filter((m) => m.author === 'bot').length;
      await say(visitor, 'obrigada, fico no aguardo');
      await byTestId(page, 'message').filter({ hasText: 'fico no aguardo' }).waitFor({ timeout: 5000 });
      await new Promise((r) => setTimeout(r, 800));
      assert.equal((await messagesOf(conversationId)).filter((m) => m.author === 'bot').length, botBefore, 'no bot message while assigned');
      assert.equal((await rowOf(conversationId))?.assigneeId, agent.userId);
      assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
      await visitorContext.close();
      await context.close();
    });

    test('an agent transfers a conversation to the sales team with a note; a member of that team sees it with the note', async () => {
      const conversationId = await h.customerWrites('xfer-1', 'quero falar com um atendente', { id: 'app-user-xfer', name: 'Carlos Lima' });
      await eventually(async () => (await rowOf(conversationId))?.status === 'queued', 8000, 'handoff');
      const { page, context } = await h.agentContext({ name: 'Bruno Alves' });
      const problems = collectPageProblems(page);
      await page.goto(`${h.fio().baseUrl}/inbox/c/${conversationId}?lang=en`);
      await byTestId(page, 'conversation-screen').waitFor();
      await byTestId(page, 'action-transfer').click();
      const dialog = byTestId(page, 'transfer-dialog');
      await dialog.waitFor();
      const teams = await dialog.locator('select[name=team] option').allTextContents();
      const sales = teams.find((t) => /vendas|sales/i.test(t));
      assert.ok(sales, `the sales team is offered (${teams.join(', ')})`);
      await dialog.locator('select[name=team]').selectOption({ label: sales });
      await dialog.locator('textarea[name=note]').fill('Cliente quer orçamento para 20 unidades');
      await byTestId(page, 'transfer-confirm').click();
      await byTestId(page, 'note').filter({ hasText: 'orçamento para 20 unidades' }).waitFor();

      const row = await eventually(
        async () => {
          const r = await rowOf(conversationId);
          return r?.teamName && /vendas|sales/i.test(r.teamName) ? r : undefined;
        },
        5000,
        'the conversation in the sales team',
      );
      assert.notEqual(row.status, 'bot');

      const seller = await h.agentContext({ name: 'Vera Sales', teams: ['vendas'] });
      await seller.page.goto(`${h.fio().baseUrl}/inbox/?view=my_teams&lang=en`);
      await conversationRow(seller.page, conversationId).click();
      await byTestId(seller.page, 'note').filter({ hasText: 'orçamento para 20 unidades' }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
      await seller.context.close();
    });

    test('on WhatsApp after 24 hours of silence the composer says the window is closed and sends an approved template', async () => {
      const from = '+55 11 91234-5678';
      const sent = await fetch(`${h.fio().baseUrl}/playground/api/whatsapp/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from, text: 'quero falar com um atendente', name: 'Marta Reis' }),
      });
      assert.equal(sent.status, 200, await sent.text());
      const conversationId = await eventually(
        async () => {
          const list = await h.api<{ data: InboxConversation[] }>('GET', '/api/v1/inbox/conversations?view=all&channel=whatsapp');
          return list.body.data.find((c) => c.status === 'queued')?.id;
        },
        8000,
        'the WhatsApp conversation in the queue',
      );

      h.clock.advance(25 * 3_600_000);
      const { page, context } = await h.agentContext({ name: 'Clara Dias' });
      await page.goto(`${h.fio().baseUrl}/inbox/c/${conversationId}?lang=en`);
      await byTestId(page, 'conversation-screen').waitFor();
      const banner = byTestId(page, 'window-closed');
      await banner.waitFor();
      assert.match((await banner.textContent()) ?? '', /24/);
      assert.equal(await byTestId(page, 'composer-input').isDisabled(), true, 'free text is not offered');

      const option = byTestId(page, 'template-option').first();
      await option.waitFor();
      await option.click();
      const params = byTestId(page, 'template-param');
      for (let i = 0; i < (await params.count()); i++) await params.nth(i).fill(i === 0 ? 'Marta' : `valor ${i}`);
      await byTestId(page, 'send-template').click();

      const template = await eventually(
        async () =>
          (await messagesOf(conversationId)).find((m) => m.content.kind === 'template' && ['sent', 'delivered', 'read'].includes(m.status)),
        // The emulated customer may read it at once: sent, delivered and read all mean WhatsApp took it.
        15_000,
        'the template accepted by WhatsApp',
      ).catch(async (err: unknown) => {
        const shown = await byTestId(page, 'composer-error').allTextContents();
        const stored = (await messagesOf(conversationId)).map((m) => `${m.author}/${m.content.kind}/${m.status}`);
        throw new Error(`${String(err)}; the composer says ${JSON.stringify(shown)}; stored: ${stored.join(', ')}`);
      });
      assert.equal(template.channelType, 'whatsapp');
      await byTestId(page, 'message')
        .filter({ has: page.locator('[data-testid="message-text"]') })
        .last()
        .waitFor();
      await context.close();
    });

    test('a supervisor sees a conversation breach its first-response SLA when the clock moves on', async () => {
      const conversationId = await h.customerWrites('sla-1', 'quero falar com um atendente', { id: 'app-user-sla', name: 'Paulo Nunes' });
      await eventually(async () => (await rowOf(conversationId))?.status === 'queued', 8000, 'handoff');
      const { page, context } = await h.agentContext({ role: 'supervisor', name: 'Sônia Supervisora' });
      const problems = collectPageProblems(page);
      await page.goto(`${h.fio().baseUrl}/inbox/supervisor?lang=en`);
      await byTestId(page, 'supervisor').waitFor();
      assert.equal(await page.locator(`[data-testid="breach-row"][data-conversation-id="${conversationId}"]`).count(), 0);

      // Nobody answers for three business hours.
      h.clock.advance(3 * 3_600_000);
      await eventually(async () => (await rowOf(conversationId))?.sla.state === 'breached', 8000, 'the SLA breach recorded');
      await page.locator(`[data-testid="breach-row"][data-conversation-id="${conversationId}"]`).waitFor({ timeout: 20_000 });
      await shoot(page, 'inbox-supervisor.png');

      await page.goto(`${h.fio().baseUrl}/inbox/?view=all&lang=en`);
      await eventually(
        async () => (await conversationRow(page, conversationId).getAttribute('data-sla-state')) === 'breached',
        5000,
        'the breach shown in the list',
      );
      assert.ok(await conversationRow(page, conversationId).locator('[data-testid="sla-badge"]').isVisible());
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('script, img and svg payloads sent through a channel are shown as text and never run', async () => {
      const payloads = [
        '<script>window.__xss = 1</script>',
        '<img src=x onerror="window.__xss = 2">',
        '<svg onload="window.__xss = 3"><circle r=1 /></svg>',
        '"><iframe src="javascript:window.__xss=4"></iframe>',
      ];
      let conversationId = '';
      for (const [i, text] of payloads.entries())
        conversationId = await h.customerWrites(`xss-${i}`, text, { id: 'app-user-xss', name: '<img src=x onerror="window.__xss = 5">' });
      await h.customerWrites('xss-handoff', 'quero falar com um atendente', { id: 'app-user-xss' });
      await eventually(async () => (await rowOf(conversationId))?.status === 'queued', 8000, 'handoff');

      const { page, context } = await h.agentContext({ name: 'Igor Seg' });
      const cspHeader = (await page.goto(`${h.fio().baseUrl}/inbox/?view=all&lang=en`))?.headers()['content-security-policy'] ?? '';
      assert.match(cspHeader, /script-src 'self'/, 'the inbox is served with a CSP');
      await conversationRow(page, conversationId).click();
      await byTestId(page, 'conversation-screen').waitFor();
      const texts = byTestId(page, 'message-text');
      await texts.filter({ hasText: 'window.__xss = 3' }).waitFor();
      const shown = await texts.allTextContents();
      for (const p of payloads) assert.ok(shown.includes(p), `shown literally: ${p}`);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no payload ran');
      assert.equal(await page.locator('[data-testid="thread"] img[src="x"], [data-testid="thread"] svg[onload], iframe').count(), 0);
      assert.equal(await page.locator('[data-testid="conversation-list"] img[src="x"]').count(), 0, 'the contact name is text too');
      await context.close();
    });
  });
}
