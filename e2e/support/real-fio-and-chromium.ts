import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../../apps/server/test/support/test-app.ts';
import { chromiumArgs, chromiumPath } from './widget-page.ts';

/**
 * The real Fio server (SQLite in a temporary directory, the demo workspace) and Debian's Chromium, for
 * the browser journeys of one describe block: started before its tests, closed after them.
 */
export function useRealFioAndChromium(): { fio: () => RunningApp; browser: () => Browser } {
  let browser: Browser | undefined;
  let te: TestEnvironment | undefined;
  let fio: RunningApp | undefined;
  before(async () => {
    te = await createTestEnvironment('sqlite');
    fio = await startTestApp(te);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await fio?.app.close();
    await te?.cleanup();
  });
  return {
    fio: () => {
      if (!fio) throw new Error('Fio is not started yet (use it inside a test)');
      return fio;
    },
    browser: () => {
      if (!browser) throw new Error('Chromium is not started yet (use it inside a test)');
      return browser;
    },
  };
}
