// The channel playground in a real browser, against the real server: one person writes on WhatsApp
// (an old number, without Brazil's 9th digit), then by SMS (with it), writes an e-mail, then calls, and
// the page shows the bot's replies in each channel's panel and one conversation in Fio's column. Set
// FIO_SCREENSHOT=docs/screenshots/playground.png to save the page at the end (the README's screenshot).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bubbles, chromiumPath as CHROMIUM, collectPageProblems, say } from './support/widget-page.ts';
import { businessBubbles, fioMessages, panel, setCustomer, write } from './support/playground-page.ts';
import { useRealFioAndChromium } from './support/real-fio-and-chromium.ts';

if (!existsSync(CHROMIUM)) {
  test('channel playground', (t) => t.skip('chromium not installed at /usr/bin/chromium'));
} else {
  describe('the channel playground, against the real server', () => {
    const real = useRealFioAndChromium();

    test('one person on WhatsApp, SMS and a phone call is one conversation, and every panel gets the bot (e-mail too)', async () => {
      const context = await real.browser().newContext({ locale: 'pt-BR', viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      const problems = collectPageProblems(page);

      await page.goto(`${real.fio().baseUrl}/playground`);
      await page.locator('body[data-live="true"]').waitFor();
      for (const label of ['WhatsApp', 'SMS', 'Voz (URA)', 'E-mail', 'Telegram', 'Messenger', 'Instagram', 'Site (widget)'])
        await panel(page, label).waitFor();

      // 1. WhatsApp, as WhatsApp sends an old Brazilian mobile: without the 9th digit.
      await setCustomer(page, 'WhatsApp', '+55 11 8765-4321');
      await write(page, 'WhatsApp', 'oi');
      const greeting = businessBubbles(page, 'WhatsApp', /Loja Exemplo/);
      await greeting.waitFor();
      assert.ok((await greeting.locator('.options button').count()) >= 2, 'the greeting offers buttons');
      await fioMessages(page, 'whatsapp').first().waitFor();

      // 2. The same person by SMS, with the 9th digit: the bot carries on in the same conversation.
      await setCustomer(page, 'SMS', '+55 11 98765-4321');
      await write(page, 'SMS', 'qual o horário de vocês?');
      await businessBubbles(page, 'SMS', /[Ss]egunda/).waitFor();
      await fioMessages(page, 'sms').first().waitFor();
      assert.ok((await fioMessages(page, 'whatsapp').count()) >= 2, 'the WhatsApp messages are still in the conversation shown');

      // An e-mail from the same person's address: Fio cannot know it is the same person (nothing links
      // that address to the phone), so it is a conversation of its own; the bot's answer about delivery
      // reaches the mailbox (its own words, before the quoted "... escreveu:" of the customer's mail).
      await setCustomer(page, 'E-mail', 'maria.silva@example.com');
      await write(page, 'E-mail', 'Bom dia! Vocês entregam em Campinas?');
      await businessBubbles(page, 'E-mail', /^(?:(?!escreveu:)[\s\S])*entreg[\s\S]*escreveu:\n> Bom dia!/i).waitFor({ timeout: 10_000 });
      await fioMessages(page, 'email').first().waitFor();
      assert.match((await page.locator('#fio-person').textContent()) ?? '', /email: maria\.silva@example\.com/);

      // 3. A call from the same number: the caller's words and the bot's spoken answers.
      await setCustomer(page, 'Voz (URA)', '+55 11 98765-4321');
      await write(page, 'Voz (URA)', 'obrigada');
      await businessBubbles(page, 'Voz (URA)', /.+/).nth(1).waitFor({ timeout: 10_000 });
      await fioMessages(page, 'voice').first().waitFor();
      const hangUp = panel(page, 'Voz (URA)').getByRole('button', { name: 'Desligar' });
      assert.equal(await hangUp.isEnabled(), true, 'a call is in progress');

      // Fio's column: one conversation, three channels, each shown by its badge.
      const person = await page.locator('#fio-person').textContent();
      assert.match(person ?? '', /phone: \+5511987654321/);
      for (const channel of ['whatsapp', 'sms', 'voice'])
        assert.ok((await fioMessages(page, channel).count()) >= 1, `${channel} in the conversation`);
      const conversationIds = await page.locator('#fio-messages').getAttribute('data-conversation');
      assert.ok(conversationIds);

      if (process.env['FIO_SCREENSHOT']) await page.screenshot({ path: process.env['FIO_SCREENSHOT'] });
      await hangUp.click();
      await panel(page, 'Voz (URA)').getByText('Sem ligação').waitFor();

      // Telegram's inline buttons, and Fio's real widget embedded in the page under its CSP.
      await write(page, 'Telegram', 'oi');
      const telegramGreeting = businessBubbles(page, 'Telegram', /Loja Exemplo/);
      await telegramGreeting.waitFor();
      await telegramGreeting.locator('.options button', { hasText: /[Hh]or[aá]rio/ }).click();
      await businessBubbles(page, 'Telegram', /[Ss]egunda/).waitFor();
      await panel(page, 'Site (widget)').getByRole('button', { name: 'Abrir o chat do site' }).click();
      await page.locator('fio-chat .panel').waitFor({ state: 'visible' });
      await say(page, 'oi');
      await bubbles(page, /Loja Exemplo/)
        .first()
        .waitFor();

      await context.close();
      assert.deepEqual(problems, [], 'no console errors (CSP violations included)');
    });
  });
}
