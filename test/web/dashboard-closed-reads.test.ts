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

  it('stops opening its event stream with a revoked token, and is live again once the tab has another', async () => {
    const tokens = createTokenService({ tokens: server.stores.tokens, projects: server.stores.projects });
    const doomed = await tokens.create({ name: 'doomed', scope: 'read' }, { actor: 'test' });
    const page = await browser.newPage();
    // The first prompt is answered; the one after the revocation is not (a wall display, nobody there).
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void (prompts.length === 1 ? dialog.accept(doomed.secret) : dialog.dismiss());
    });
    const refused: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('/events') && response.status() === 401)
        refused.push(response.url());
    });
    await page.goto(`${server.url}/projects/${DEMO}`);
    await graphDrawn(page);
    await page.locator('#live.live-on').waitFor({ timeout: 10_000 });

    // Revoked while the page watches; its stream is cut (as a restart would) and opened again: refused.
    await tokens.revoke(doomed.token.id, { actor: 'test' });
    server.app.server.closeAllConnections();
    await expect.poll(() => refused.length, { timeout: 15_000 }).toBe(1);
    // The page asks for another token once; then, over three of its retry periods (3 s), the stream is
    // not opened again with the refused one (before: every 3 s, each spending the address's rate limit).
    await expect.poll(() => prompts.length, { timeout: 10_000 }).toBe(2);
    await page.waitForTimeout(9_000);
    expect(refused).toHaveLength(1);
    expect(prompts).toHaveLength(2);

    // A token given in the tab (another page's prompt, the same session): live again without a reload.
    await page.evaluate(`sessionStorage.setItem('isoplan.apiToken', ${JSON.stringify(reader)})`);
    await page.locator('#live.live-on').waitFor({ timeout: 10_000 });
    expect(refused).toHaveLength(1);
    await page.close();
  });
  it('asks for another token when the one it has may only read and a change is refused (403), and makes the change with it', async () => {
    const page = await browser.newPage();
    const prompts: string[] = [];
    const answers = [reader, reader, writer];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept(answers.shift() ?? '');
    });
    await page.goto(`${server.url}/projects/${DEMO}?issue=freelist-tuple`);
    await page.locator('[data-issue="freelist-tuple"]').waitFor({ timeout: 15_000 });
    // A validation run is a write too.
    await page.getByRole('button', { name: 'Run validation' }).click();
    await expect.poll(() => prompts.length, { timeout: 10_000 }).toBe(2);
    await page.locator('[data-issue="freelist-tuple"] [data-action="start"]').click();
    await expect.poll(() => prompts.length, { timeout: 10_000 }).toBe(3);
    expect(prompts[1]).toBe(prompts[2]);
    expect(prompts[2]).toBe(
      'This token may not make this change: this request needs a token with the write scope; this token has read. Token:',
    );
    expect(await page.evaluate("sessionStorage.getItem('isoplan.apiToken')")).toBe(writer);

    await page.locator('[data-issue="freelist-tuple"] [data-action="start"]').click();
    await page.locator('.toast', { hasText: 'freelist-tuple started.' }).waitFor({ timeout: 10_000 });
    const issue = await fetch(`${server.url}/v1/projects/${DEMO}/issues/freelist-tuple`, {
      headers: { authorization: `Bearer ${writer}` },
    });
    expect(((await issue.json()) as { status: string }).status).toBe('in_progress');
    await page.close();
  });

  it('does not say the server is unreachable when the token given holds a character no header can carry', async () => {
    const page = await browser.newPage();
    // Pasted from a document that curled its quotes: “isk_…”. The browser refuses to send such a header.
    page.on('dialog', (dialog) => void dialog.accept(`\u201C${reader}\u201D`));
    await page.goto(`${server.url}/projects/${DEMO}`);
    const main = page.locator('#main');
    await expect.poll(() => main.textContent(), { timeout: 10_000 }).not.toContain('Loading…');
    expect(await main.textContent()).not.toContain('could not be reached');
    expect(await page.locator('#offline').isHidden()).toBe(true);
    await page.close();
  });
});
