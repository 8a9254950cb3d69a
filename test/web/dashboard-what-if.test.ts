// A what-if end to end in Debian's Chromium at 1440x900 and 390x844: while the page shows the plan as if
// some issues were done (a shared `?whatif=` link, or "What-if: done" in the panel), every figure on it is
// that plan's, so the page says so wherever the user is on it, with "Clear what-if" at hand.
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  CHROMIUM,
  chromiumMissing,
  graphDrawn,
  launchChromium,
  pressable,
  SIZES,
  watchPage,
} from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-what-if.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('a what-if in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({ demo: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, viewport] of SIZES) {
    it(`says the page shows a what-if wherever the user is on it, with Clear at hand (${name})`, async () => {
      const page = await browser.newPage({ viewport });
      const problems = watchPage(page, { expected: /^$/, dialogs: [] });
      await page.goto(`${server.url}/projects/${DEMO}?whatif=bpo-40255`);
      await graphDrawn(page);
      await page.locator('[data-whatif-banner]:not([hidden])').waitFor();
      // At the top, where "What's next" and the figures already show the what-if plan.
      expect(await pressable(page, '[data-whatif-banner]')).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/what-if-top-${name}.png` });
      // Far down the page, by the validation and the parents.
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      expect(await pressable(page, '[data-action="clear-what-if"]')).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/what-if-scrolled-${name}.png` });

      await page.locator('[data-action="clear-what-if"]').click();
      await expect.poll(() => page.locator('[data-whatif-banner]').isHidden()).toBe(true);
      expect(new URL(page.url()).searchParams.get('whatif')).toBeNull();
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
