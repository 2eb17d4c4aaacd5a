import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as Twilio documents it: the full URL, then each POST parameter's name and value
 * in name order, HMAC-SHA1 with the account's auth token, base64.
 */
export function signTwilioRequest(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params).sort();
  const data = url + names.map((name) => name + (params[name] ?? '')).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function formBody(params: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(params)).toString();
}
