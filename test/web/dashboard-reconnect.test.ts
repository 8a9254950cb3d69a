// A dashboard left open on a wall while its server goes away (a restart, a deploy) and comes back, end to
// end in Debian's Chromium: the page says it is offline, writes made while it was away reach the page once
// its event stream is back (not only with the next write after that), and a save tried meanwhile says the
// server could not be reached and keeps what the user typed for another try.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { loadDemoIfEmpty } from '../../src/store/demo.js';
import {
  ARTIFACTS,
  CHROMIUM,
  chromiumMissing,
  DESKTOP,
  graphDrawn,
  launchChromium,
  PHONE,
  SIZES,
  watchPage,
} from './browser.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-reconnect.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('a dashboard whose server went away', () => {
  let dir: string;
  let database: Database;
  let browser: Browser;
  let app: FastifyInstance | undefined;

  /** The service on `on` (the one database unless said), on `port` (0: any free one); its base URL. */
  async function serve(port: number, on: Database = database): Promise<string> {
    app = await buildApp({ apiToken: undefined, rateLimit: 0 }, { database: on });
    await app.listen({ host: '127.0.0.1', port });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isoplan-web-'));
    database = await openDatabase({ url: `file:${join(dir, 'web.db')}`, migrate: true });
    await loadDemoIfEmpty(database.stores);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the changes made while it was away once the server is back', async () => {
    const url = await serve(0);
    const page = await browser.newPage({ viewport: DESKTOP });
    // While the server is down, the page's reconnection attempts fail to load: expected.
    const problems = watchPage(page, { expected: /ERR_CONNECTION_REFUSED/, dialogs: [] });
    await page.goto(`${url}/projects/${DEMO}`);
    await graphDrawn(page);
    const live = page.locator('#live');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('live');
    const key = (await page.locator('[data-ranked]').first().getAttribute('data-ranked')) as string;

    await app?.close();
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('offline');
    expect(await page.locator('#offline').isVisible()).toBe(true);
    // Another writer (the CLI on the database file, another replica) changes the project meanwhile.
    const title = 'Renamed while the dashboard was away';
    await database.stores.issues.update(DEMO, key, { title }, { actor: 'cli' });
    await serve(Number(new URL(url).port));

    await expect.poll(() => live.textContent(), { timeout: 15_000 }).toBe('live');
    await expect
      .poll(() => page.locator(`[data-ranked="${key}"] .ranked-title`).textContent(), { timeout: 10_000 })
      .toBe(title);
    expect(await page.locator('#offline').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  /** A new service (the last test's closed), a page on it at `viewport`, and the service gone: the page offline. */
  async function offlinePage(viewport: typeof PHONE) {
    await app?.close();
    const url = await serve(0);
    const page = await browser.newPage({ viewport });
    const problems = watchPage(page, { expected: /ERR_CONNECTION_REFUSED/, dialogs: [] });
    await page.goto(`${url}/projects/${DEMO}`);
    await graphDrawn(page);
    const live = page.locator('#live');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('live');
    await app?.close();
    app = undefined;
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('offline');
    /** The offline banner's box, and whether it is in the window, right below the header. */
    async function banner() {
      const [b, hd] = [
        await page.locator('#offline').boundingBox(),
        await page.locator('header.top').boundingBox(),
      ];
      if (b === null || hd === null) throw new Error('no banner or header');
      return { ...b, inView: Math.abs(b.y - (hd.y + hd.height)) < 1 && b.y + b.height <= viewport.height };
    }
    return { page, problems, banner };
  }

  for (const [name, viewport] of SIZES) {
    it(`keeps the offline banner in view as the user reads down the page (${name})`, async () => {
      const { page, problems, banner } = await offlinePage(viewport);
      // Far down the page (the validation, the parents), the banner still says why nothing updates.
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      expect(await page.evaluate('window.scrollY')).toBeGreaterThan(500);
      expect((await banner()).inView).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/offline-scrolled-${name}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('brings an issue opened on a phone on screen below the offline banner, not under it', async () => {
    const { page, problems, banner } = await offlinePage(PHONE);
    const key = (await page.locator('[data-ranked]').first().getAttribute('data-ranked')) as string;
    await page.locator(`[data-ranked="${key}"] button`).click();
    const heading = page.locator(`[data-issue="${key}"] [data-panel-heading]`);
    await heading.waitFor();
    await page.waitForTimeout(500); // the panel is scrolled to at the next frame
    const [b, h2] = [await banner(), await heading.boundingBox()];
    expect(b.inView).toBe(true);
    expect(h2!.y).toBeGreaterThanOrEqual(b.y + b.height);
    await page.screenshot({ path: `${ARTIFACTS}/offline-phone-panel.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  /** A new service (the last test's closed), and a page on it with the editor of `key` open, `title` typed. */
  async function serveEditing(key: string, title: string) {
    await app?.close();
    const url = await serve(0);
    const page = await browser.newPage({ viewport: DESKTOP });
    const problems = watchPage(page, { expected: /ERR_CONNECTION_REFUSED/, dialogs: [] });
    await page.goto(`${url}/projects/${DEMO}?issue=${key}`);
    await graphDrawn(page);
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    await page.locator('#edit-title').fill(title);
    return { url, page, problems };
  }

  it('says a save could not reach the server, keeps the editor as typed, and saves it once the server is back', async () => {
    const key = 'freelist-tuple';
    const title = 'Typed while the server was down';
    const { url, page, problems } = await serveEditing(key, title);

    await app?.close();
    const live = page.locator('#live');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('offline');
    await page.locator('[data-action="save"]').click();
    const toast = page.locator('.toast-error');
    await expect
      .poll(() => toast.last().textContent(), { timeout: 10_000 })
      .toBe(`Could not change ${key}: the server could not be reached. Try again once it is back.`);
    expect(await page.locator('[data-editor="edit"] #edit-title').inputValue()).toBe(title);
    await page.screenshot({ path: `${ARTIFACTS}/offline-save.png` });

    await serve(Number(new URL(url).port));
    await expect.poll(() => live.textContent(), { timeout: 15_000 }).toBe('live');
    await page.locator('[data-action="save"]').click();
    await expect
      .poll(() => page.locator(`[data-issue="${key}"] .panel-title`).textContent(), { timeout: 10_000 })
      .toBe(title);
    expect((await database.stores.issues.get(DEMO, key)).title).toBe(title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('refuses a save over an issue that is another one now (the same key at the same revision) and keeps what was typed', async () => {
    const key = 'freelist-context';
    const title = 'Typed over an issue that was replaced';
    const { url, page, problems } = await serveEditing(key, title);
    const live = page.locator('#live');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('live');

    // The service comes back on a fresh database (the demo reset): the issue under the same key is another
    // one, at the same revision as the one being edited (both never edited since their import).
    await app?.close();
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe('offline');
    const fresh = await openDatabase({ url: `file:${join(dir, 'reset.db')}`, migrate: true });
    try {
      await loadDemoIfEmpty(fresh.stores);
      const [was, now] = [
        await database.stores.issues.get(DEMO, key),
        await fresh.stores.issues.get(DEMO, key),
      ];
      expect(now.revision).toBe(was.revision);
      await serve(Number(new URL(url).port), fresh);
      await expect.poll(() => live.textContent(), { timeout: 15_000 }).toBe('live');

      await page.locator('[data-action="save"]').click();
      const said = page.locator('.toast', { hasText: key });
      await said.waitFor({ timeout: 10_000 });
      expect((await fresh.stores.issues.get(DEMO, key)).title).toBe(now.title);
      expect(await said.textContent()).toMatch(new RegExp(`^${key} was changed by someone else meanwhile`));
      expect(await page.locator('[data-editor="edit"] #edit-title').inputValue()).toBe(title);
      // Saved again, it is saved over the issue the page now shows.
      await page.locator('[data-action="save"]').click();
      await expect
        .poll(() => page.locator(`[data-issue="${key}"] .panel-title`).textContent(), { timeout: 10_000 })
        .toBe(title);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await app?.close();
      app = undefined;
      await fresh.close();
    }
  }, 60_000);
});
