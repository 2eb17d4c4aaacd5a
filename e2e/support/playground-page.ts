import type { Locator, Page } from 'playwright-core';

/** One channel's panel on /playground (WhatsApp, SMS, Voz (URA), E-mail, ...), found by its heading. */
export const panel = (page: Page, label: string): Locator =>
  page.locator('article.panel').filter({ has: page.getByRole('heading', { name: label, exact: true }) });

/** Types the customer's identity on that channel (the panel's "Cliente" field). */
export async function setCustomer(page: Page, label: string, address: string): Promise<void> {
  const field = panel(page, label).getByRole('textbox', { name: `Cliente no ${label}` });
  await field.fill(address);
  await field.dispatchEvent('change');
}

/** Writes (or, on voice, says) `text` as the customer on that channel and sends it. */
export async function write(page: Page, label: string, text: string): Promise<void> {
  const p = panel(page, label);
  await p.getByRole('textbox', { name: `Mensagem no ${label}` }).fill(text);
  await p.locator('.composer button[type=submit]').click();
}

/** Bubbles the business sent to the customer on that channel, whose text matches. */
export const businessBubbles = (page: Page, label: string, text: string | RegExp): Locator =>
  panel(page, label).locator('.bubble.business').filter({ hasText: text });

/** Messages of the conversation shown in Fio's column, by the channel they came through. */
export const fioMessages = (page: Page, channelType?: string): Locator =>
  page.locator(channelType ? `#fio-messages .fio-message[data-channel="${channelType}"]` : '#fio-messages .fio-message');
