// The API reference at /docs in Chromium, on the demo: the page loads under the service's strict
// Content-Security-Policy without a console error, and "Try it out" with the pre-filled values succeeds.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumMissing, DESKTOP, launchChromium, watchPage } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

if (chromiumMissing && !process.env.CI) {
  console.warn(
    `test/web/api-reference.test.ts: skipped, ${CHROMIUM} is missing (apt-get install -y chromium).`,
  );
}

describe.skipIf(chromiumMissing && !process.env.CI)('the API reference in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startDashboardServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: DESKTOP });
    problems = watchPage(page, { expected: /^$/, dialogs });
    await page.goto(`${server.url}/docs`);
    await page.locator('.opblock').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens an operation, tries it out as pre-filled and answers the status code shown. */
  async function tryItOut(id: string): Promise<string> {
    const operation = page.locator(`#operations-${id}`);
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: 50_000 });
    return ((await status.textContent()) ?? '').trim();
  }

  it('lists every operation, titled by its summary, without a console error or a CSP violation', async () => {
    const operations = await page.locator('.opblock').count();
    expect(operations).toBeGreaterThanOrEqual(36);
    await expect(page.locator('.opblock-summary-description').first().textContent()).resolves.toBe(
      'This API as an OpenAPI 3.1 document',
    );
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  // One operation per test: each waits for Chromium and the service, slow on a loaded machine.
  const TRY = { timeout: 60_000 };

  it('tries out a read with the pre-filled project: 200', TRY, async () => {
    expect(await tryItOut('projects-getProject')).toBe('200');
    expect(problems).toEqual([]);
  });

  it('tries out creating an issue with the pre-filled body: 201, and the issue is stored', TRY, async () => {
    expect(await tryItOut('issues-createIssue')).toBe('201');
    const created = await server.stores.issues.get('per-interpreter-gil', 'my-first-issue');
    expect(created.title).toBe('Try isoplan from its API reference');
    expect(problems).toEqual([]);
  });

  it('tries out the what-if plan with the pre-filled keys: 200', TRY, async () => {
    expect(await tryItOut('plan-getWhatIfPlan')).toBe('200');
    expect(problems).toEqual([]);
  });

  it('tries out a simulator run with the pre-filled scenario: 200', TRY, async () => {
    expect(await tryItOut('simulator-runScenario')).toBe('200');
    expect(problems).toEqual([]);
  });
});
