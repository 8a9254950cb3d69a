// Long keys, titles and labels as users write them (a key of 100 characters without a break, a label of
// 100, a title with a long URL in it), end to end in Debian's Chromium at 1440x900 and 390x844: nothing runs
// out of its box where the user cannot see or reach it (the panel's close button, the editor's fields, the
// delete confirmation, the table's filters, the component matrix's verdicts on a phone, a project's name in
// the list). Screenshots go to test-results/.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  CHROMIUM,
  chromiumMissing,
  DESKTOP,
  graphDrawn,
  launchChromium,
  PHONE,
  pressable,
  SIZES,
  watchPage,
} from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const DEMO = 'per-interpreter-gil';
const KEY =
  'ExtensionModuleIsolationOfTheCtypesLibraryGlobalStateAndCallbacksAcrossSubinterpretersXYZ0123456789';
const LABEL =
  'a-very-long-label-that-someone-made-for-tracking-the-ctypes-isolation-work-across-several-releases';
const TITLE =
  "Make the ctypes library's global state per interpreter: see https://github.com/python/cpython/blob/main/Modules/_ctypes/callbacks.c#L1-L400_and_the_thread";

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-long-text.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

/** What in `box` (a selector) lies outside it, left or right: tag, class and the start of its text. */
function outside(page: Page, box: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(box)});
    const b = box.getBoundingClientRect();
    const out = [];
    for (const el of box.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('svg')) continue;
      if (r.right > b.right + 1 || r.left < b.left - 1)
        out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + (el.textContent || '').slice(0, 30));
    }
    return out;
  })()`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('long keys, titles and labels in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({ demo: true });
    await server.stores.issues.create(
      DEMO,
      { key: KEY, title: TITLE, labels: [LABEL, 'ctypes'], parent: 'extensions-isolation', estimateDays: 12 },
      { actor: 'test' },
    );
    // A parent with a long key: "Progress by parent issue" lists it.
    await server.stores.issues.create(
      DEMO,
      { key: 'child-of-long', title: 'A child', parent: KEY },
      { actor: 'test' },
    );
    // An issue it blocks: its panel lists it under "Blocked by", with its title.
    await server.stores.dependencies.add(DEMO, { issue: 'bpo-40512', blockedBy: KEY }, { actor: 'test' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport: typeof PHONE) {
    const page = await browser.newPage({ viewport });
    const problems = watchPage(page, { expected: /^$/, dialogs: [] });
    await page.goto(`${server.url}/projects/${DEMO}${path}`);
    await graphDrawn(page);
    return { page, problems };
  }

  for (const [name, viewport] of SIZES) {
    it(`fits an issue with a long key and label in its panel and its editor, the close button on screen (${name})`, async () => {
      const { page, problems } = await open(`?issue=${KEY}`, viewport);
      await page.locator(`[data-issue="${KEY}"]`).waitFor();
      expect(await outside(page, 'aside.panel')).toEqual([]);
      const close = page.locator(`[data-issue="${KEY}"] .panel-head button`);
      await close.scrollIntoViewIfNeeded();
      const [c, panel] = [await close.boundingBox(), await page.locator('aside.panel').boundingBox()];
      expect(c!.x + c!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
      await page.screenshot({ path: `${ARTIFACTS}/long-key-panel-${name}.png` });

      await page.locator(`[data-issue="${KEY}"] [data-action="edit"]`).click();
      await page.locator('#edit-title').waitFor();
      expect(await outside(page, 'aside.panel')).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/long-key-editor-${name}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  for (const [name, viewport] of SIZES) {
    it(`asks to confirm deleting an issue with a long key and title with all of them in the dialog (${name})`, async () => {
      const { page, problems } = await open(`?issue=${KEY}`, viewport);
      await page.locator(`[data-issue="${KEY}"] [data-action="delete"]`).click();
      await page.locator('dialog.confirm[open]').waitFor();
      expect(await outside(page, 'dialog.confirm')).toEqual([]);
      expect(await page.evaluate("document.querySelector('dialog.confirm').scrollWidth")).toBeLessThanOrEqual(
        (await page.evaluate("document.querySelector('dialog.confirm').clientWidth")) as number,
      );
      await page.screenshot({ path: `${ARTIFACTS}/long-key-delete-${name}.png` });
      await page.locator('dialog.confirm [data-action="cancel-delete"]').click();
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  for (const [key, what] of [
    ['child-of-long', 'as its parent'],
    ['bpo-40512', 'among its blockers'],
  ] as const) {
    it(`fits the panel of an issue that names one with a long key and title ${what} (390x844)`, async () => {
      const { page, problems } = await open(`?issue=${key}`, PHONE);
      await page.locator(`[data-issue="${key}"]`).waitFor();
      expect(await outside(page, 'aside.panel')).toEqual([]);
      await page
        .locator('aside.panel')
        .screenshot({ path: `${ARTIFACTS}/long-key-in-panel-of-${key}-390x844.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('lists a project with a long name on a phone without scrolling sideways', async () => {
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        slug: 'isolate-every-extension-module',
        name: `Isolate every extension module (PEP 687): https://peps.python.org/pep-0687/#${'motivation_'.repeat(6)}`,
      }),
    });
    expect(res.status).toBe(201);
    const page = await browser.newPage({ viewport: PHONE });
    const problems = watchPage(page, { expected: /^$/, dialogs: [] });
    await page.goto(`${server.url}/`);
    await page.locator('[data-project="isolate-every-extension-module"]').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await outside(page, '.project-list')).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/long-project-name-390x844.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps every column of the table in view at 1440x900 when a key and a label are long', async () => {
    const { page, problems } = await open('?view=table', DESKTOP);
    await page.locator(`[data-row="${KEY}"]`).waitFor();
    expect(await outside(page, '.table-scroll')).toEqual([]);
    expect(await outside(page, '.table-controls')).toEqual([]);
    await page.locator('.workspace').screenshot({ path: `${ARTIFACTS}/long-key-table-1440x900.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists a parent with a long key by its progress on a phone without scrolling sideways', async () => {
    const { page, problems } = await open('', PHONE);
    const parent = page.locator('.parents li', { hasText: KEY });
    await parent.waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await outside(page, '.parents-section')).toEqual([]);
    await parent.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/long-key-parents-390x844.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits the table's filters on a phone when a label is long", async () => {
    const { page, problems } = await open('?view=table', PHONE);
    await page.locator('[data-filter="label"]').waitFor();
    expect(await outside(page, '.table-controls')).toEqual([]);
    await page.locator('.workspace').screenshot({ path: `${ARTIFACTS}/long-label-table-390x844.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the long component matrix's column heads in view below the page's header as it scrolls by (1440x900)", async () => {
    const { page, problems } = await open('', DESKTOP);
    const matrix = page.locator('table.matrix').first();
    await matrix.waitFor();
    // The matrix's middle row at the top of the window.
    await page.evaluate(`(() => {
      const rows = document.querySelectorAll('table.matrix tbody tr');
      window.scrollTo(0, rows[Math.floor(rows.length / 2)].getBoundingClientRect().top + scrollY - 100);
    })()`);
    const head = page.locator('table.matrix th', { hasText: 'Verified' }).first();
    const [h, shell] = [await head.boundingBox(), await page.locator('#shell-top').boundingBox()];
    expect(Math.abs(h!.y - (shell!.y + shell!.height))).toBeLessThan(1);
    expect(await pressable(page, 'table.matrix th:last-child')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/matrix-scrolled-1440x900.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the component matrix on a phone with every component's placements and verdict on screen", async () => {
    const { page, problems } = await open('', PHONE);
    const matrix = page.locator('table.matrix').first();
    await matrix.waitFor();
    expect(await outside(page, '.validation-section')).toEqual([]);
    await matrix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/matrix-390x844.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
