// The full-stack journey in a real browser: the demo page served by the real Fio server, the widget
// talking to the real WebSocket gateway, the real bot and database. Set FIO_SCREENSHOT=file.png to
// save the page with the conversation (the README's screenshot is made this way).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { bubbles, chromiumPath as CHROMIUM, collectPageProblems, openChat, say } from './support/widget-page.ts';
import type { ConversationView, MessageView } from '@fio/contracts';
import { eventually } from '../apps/server/test/support/test-app.ts';
import { useRealFioAndChromium } from './support/real-fio-and-chromium.ts';

if (!existsSync(CHROMIUM)) {
  test('full-stack widget journey', (t) => t.skip('chromium not installed at /usr/bin/chromium'));
} else {
  describe('a visitor on the demo store, against the real server', () => {
    const real = useRealFioAndChromium();

    const api = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${real.fio().baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${real.fio().adminToken}` } });
      assert.equal(res.status, 200);
      return (await res.json()) as T;
    };

    test('chats with the bot, closes the tab, comes back later to the same history, and asks for a person', async () => {
      const context = await real.browser().newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 820 } });
      const page = await context.newPage();
      const problems = collectPageProblems(page);

      await page.goto(`${real.fio().baseUrl}/demo`);
      await openChat(page);
      await say(page, 'oi');
      await bubbles(page, /Loja Exemplo|Olá|Oi/)
        .first()
        .waitFor();
      const hoursButton = page.locator('fio-chat .quick button', { hasText: /[Hh]or[aá]rio/ });
      await hoursButton.waitFor();
      await hoursButton.click();
      await bubbles(page, /[Ss]egunda a sexta/).waitFor();
      if (process.env['FIO_SCREENSHOT']) await page.screenshot({ path: process.env['FIO_SCREENSHOT'] });

      const [conversation] = (await api<{ data: ConversationView[] }>('/conversations')).data;
      assert.ok(conversation, 'the visit opened a conversation');
      const before = (await api<{ data: MessageView[] }>(`/conversations/${conversation.id}/messages`)).data;
      assert.equal(before[0]?.text, 'oi');
      assert.ok(
        before.some((m) => m.author === 'bot' && m.status === 'delivered'),
        'bot replies were delivered to the open widget',
      );

      // The visitor closes the tab; the next day a new tab of the same browser shows the history.
      const storage = await context.storageState();
      await context.close();
      const nextDay = await real.browser().newContext({ locale: 'pt-BR', viewport: { width: 1280, height: 820 }, storageState: storage });
      const again = await nextDay.newPage();
      await again.goto(`${real.fio().baseUrl}/demo`);
      await openChat(again);
      await bubbles(again, /^oi$/).waitFor();
      await bubbles(again, /[Ss]egunda a sexta/).waitFor();
      assert.equal(await bubbles(again, /^oi$/).count(), 1, 'history is shown once');

      await say(again, 'quero falar com um atendente');
      await eventually(
        async () => (await api<ConversationView>(`/conversations/${conversation.id}`)).status === 'queued',
        5000,
        'handoff to the queue',
      );
      const afterHandoff = (await api<{ data: MessageView[] }>(`/conversations/${conversation.id}/messages`)).data;
      assert.deepEqual(
        afterHandoff.slice(0, before.length).map((m) => m.id),
        before.map((m) => m.id),
        'one conversation across both visits',
      );
      await nextDay.close();
      assert.deepEqual(problems, [], 'no console errors (CSP violations included)');
    });
  });
}
