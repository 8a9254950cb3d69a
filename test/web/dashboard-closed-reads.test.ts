// The dashboard of a service that closes reads (ISOPLAN_PUBLIC_READ=0), in Chromium: it asks for a token
// once, keeps it for the tab (sessionStorage, never the URL), and reads its data and its live event
// stream with it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/services/token-service.js';
import { CHROMIUM, chromiumMissing, graphDrawn, launchChromium } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-closed-reads.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('the dashboard when reads need a token', () => {
  let server: DashboardServer;
  let browser: Browser;
  let reader: string;
  let writer: string;

  beforeAll(async () => {
    server = await startDashboardServer({ demo: true, access: { publicRead: false } });
    const tokens = createTokenService({ tokens: server.stores.tokens, projects: server.stores.projects });
    reader = (await tokens.create({ name: 'reader', scope: 'read' }, { actor: 'test' })).secret;
    writer = (await tokens.create({ name: 'writer', scope: 'write' }, { actor: 'test' })).secret;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks once for a token, keeps it for the tab only, and shows the data and live changes with it', async () => {
    const page = await browser.newPage();
    const prompts: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept(reader);
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${server.url}/projects/${DEMO}`);
    await graphDrawn(page);
    expect(prompts).toEqual(['This service needs an API token to show its data. Token:']);
    expect(await page.evaluate("sessionStorage.getItem('isoplan.apiToken')")).toBe(reader);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(page.url()).not.toContain(reader);

    // Another client writes: the change arrives through the event stream the page opened with the token.
    await page.locator('#live.live-on').waitFor({ timeout: 10_000 });
    const res = await fetch(`${server.url}/v1/projects/${DEMO}/issues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({ key: 'closed-1', title: 'Written while the page watches' }),
    });
    expect(res.status).toBe(201);
    await page.locator('[data-key="closed-1"]').waitFor({ timeout: 10_000 });
    expect(prompts).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the refusal, and asks again on the next visit, when no token is given', async () => {
    const page = await browser.newPage();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/projects/${DEMO}`);
    await page.getByText('this request needs a token').first().waitFor({ timeout: 10_000 });
    expect(prompts).toEqual(['This service needs an API token to show its data. Token:']);
    expect(await page.locator('svg.graph[data-rendered="true"]').count()).toBe(0);
    await page.reload();
    await page.getByText('this request needs a token').first().waitFor({ timeout: 10_000 });
    expect(prompts).toHaveLength(2);
    await page.close();
  });
});
