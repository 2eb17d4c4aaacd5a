import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { RunningApp } from '../support/test-app.ts';

/** A browser talking to the app: keeps the session cookie and the CSRF token it was given. */
export interface Browser {
  cookie: string | null;
  csrfToken: string | null;
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function openBrowser(running: RunningApp, ip = '10.0.0.1'): Browser {
  const browser: Browser = {
    cookie: null,
    csrfToken: null,
    async call(method, url, body, headers = {}) {
      const res = await running.app.http.inject({
        method,
        url,
        remoteAddress: ip,
        headers: {
          ...(browser.cookie ? { cookie: browser.cookie } : {}),
          ...(browser.csrfToken && method !== 'GET' ? { 'x-csrf-token': browser.csrfToken } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const set = res.headers['set-cookie'];
      const line = (Array.isArray(set) ? set : set ? [set] : []).find((c) => c.startsWith('fio_session='));
      if (line) {
        const value = line.split(';')[0] ?? '';
        browser.cookie = /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === 'fio_session=' ? null : value;
      }
      const json = res.headers['content-type']?.toString().includes('json') ? res.json<{ csrfToken?: unknown }>() : null;
      if (json && typeof json.csrfToken === 'string') browser.csrfToken = json.csrfToken;
      return res;
    },
  };
  return browser;
}

export async function signInAs(browser: Browser, email: string, password: string): Promise<LightMyRequestResponse> {
  return browser.call('POST', '/api/v1/auth/sign-in', { email, password });
}
