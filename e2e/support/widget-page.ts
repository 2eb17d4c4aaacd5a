import type { Page } from 'playwright-core';

/** Debian's Chromium, and the flags this closed machine needs (no background networking). */
export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Opens the widget's panel unless it is open already (the widget remembers it across pages). */
export async function openChat(page: Page): Promise<void> {
  const panel = page.locator('fio-chat .panel');
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /Abrir chat/ }).click();
  await panel.waitFor({ state: 'visible' });
}

/** Types a message in the widget and sends it with Enter, as a visitor would. */
export async function say(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Digite sua mensagem' });
  await input.fill(text);
  await input.press('Enter');
}

/** The message bubbles whose text matches. */
export const bubbles = (page: Page, text: string | RegExp) => page.locator('fio-chat .msg .bubble p').filter({ hasText: text });

/** Console errors, uncaught page errors and failed responses of a page, as they happen (a journey asserts none). */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}
