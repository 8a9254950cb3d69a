// The API reference at /docs in Chromium: its Authorize button takes a token, and "Try it out" sends it,
// so that an operation that needs a scope answers instead of refusing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/services/token-service.js';
import { CHROMIUM, chromiumMissing, launchChromium } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/docs-authorize.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('the API reference at /docs', () => {
  let server: DashboardServer;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    server = await startDashboardServer({ demo: false, access: { publicRead: false } });
    const tokens = createTokenService({ tokens: server.stores.tokens, projects: server.stores.projects });
    admin = (await tokens.create({ name: 'docs-reader', scope: 'admin' }, { actor: 'test' })).secret;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Tries GET /v1/tokens from the page; the status the page shows. */
  async function tryListingTokens(page: import('playwright-core').Page): Promise<string> {
    const operation = page.locator('.opblock-get', { has: page.locator('[data-path="/v1/tokens"]') });
    if (!(await operation.locator('.try-out__btn').isVisible())) {
      await operation.locator('.opblock-summary-control').click();
      await operation.locator('.try-out__btn').click();
    }
    await operation.locator('.btn.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    return ((await status.textContent()) ?? '').trim();
  }

  it('sends the token given to Authorize with "Try it out"', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/docs`);
    await page.locator('.btn.authorize').first().waitFor({ timeout: 15_000 });

    expect(await tryListingTokens(page)).toBe('401');

    await page.locator('.btn.authorize').first().click();
    await page.locator('.auth-container input').first().fill(admin);
    await page.locator('.auth-container .modal-btn.auth.authorize').first().click();
    await page.locator('.btn-done').first().click();

    await page.locator('.btn.execute').first().click();
    const operation = page.locator('.opblock-get', { has: page.locator('[data-path="/v1/tokens"]') });
    await expect
      .poll(
        async () =>
          (
            await operation
              .locator('.live-responses-table tr.response .response-col_status')
              .first()
              .textContent()
          )?.trim(),
        {
          timeout: 15_000,
        },
      )
      .toBe('200');
    expect(await operation.locator('.live-responses-table').textContent()).toContain('docs-reader');
    expect(page.url()).not.toContain(admin);
    await page.close();
  }, 60_000);
});
