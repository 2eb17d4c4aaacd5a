import { createHmac } from 'node:crypto';

/**
 * Webhooks as Meta posts them for Messenger (`object: "page"`) and Instagram (`object: "instagram"`):
 * one entry per account, one `messaging` item each, signed with the app secret over the exact bytes.
 * Meta escapes every non-ASCII character as \uXXXX in the body it signs, so the emulator does too.
 */
export function buildWebhookBody(object: 'page' | 'instagram', accountId: string, item: Record<string, unknown>, now: Date): string {
  const payload = { object, entry: [{ id: accountId, time: now.getTime(), messaging: [item] }] };
  return JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function signWebhookBody(appSecret: string, body: string): Record<string, string> {
  const signature = createHmac('sha256', appSecret).update(body, 'utf8').digest('hex');
  return { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` };
}
