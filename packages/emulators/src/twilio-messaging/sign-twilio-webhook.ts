import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio documents it: the full URL Twilio calls, then every POST parameter's
 * name and value sorted by name, HMAC-SHA1 keyed by the account's Auth Token, base64.
 */
export function signTwilioWebhook(authToken: string, url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha1', authToken)
    .update(url + sorted.map(([name, value]) => name + value).join(''), 'utf8')
    .digest('base64');
}

export function encodeForm(params: ReadonlyArray<readonly [string, string]>): string {
  const form = new URLSearchParams();
  for (const [name, value] of params) form.append(name, value);
  return form.toString();
}
