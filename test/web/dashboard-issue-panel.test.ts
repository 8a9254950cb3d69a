// The issue panel end to end in Debian's Chromium, as a user meets it: an issue deleted by another client
// while the page shows it (or a link to one), a long history read page by page from the keyboard, and a
// save on a slow server (the page says it is saving and takes one submit).
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import {
  ARTIFACTS,
  CHROMIUM,
  chromiumMissing,
  DESKTOP,
  findIssue,
  graphDrawn,
  launchChromium,
  SIZES,
  watchPage,
} from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-issue-panel.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('the issue panel in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  const dialogs: string[] = [];
  let problems: string[] = [];
  /** While set, the service holds each PATCH this long before it answers (a slow server). */
  let patchDelayMs = 0;
  let patches = 0;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({
      demo: true,
      beforeListen: (app) => {
        app.addHook('onRequest', async (request) => {
          if (request.method !== 'PATCH') return;
          patches++;
          if (patchDelayMs > 0) await sleep(patchDelayMs);
        });
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: DESKTOP });
    problems = watchPage(page, { expected: /status of 404/, dialogs });
    await page.goto(`${server.url}${path}`);
    await graphDrawn(page);
    return page;
  }

  /** The page at an issue, its editor open with `title` typed in. */
  async function openEditing(key: string, title: string): Promise<Page> {
    const page = await open(`/projects/${DEMO}?issue=${key}`);
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    await page.locator('#edit-title').fill(title);
    return page;
  }

  /** Another client (X-Actor `who`) deletes an issue. */
  async function deleteElsewhere(key: string, who: string): Promise<void> {
    const res = await fetch(`${server.url}/v1/projects/${DEMO}/issues/${key}`, {
      method: 'DELETE',
      headers: { 'x-actor': who },
    });
    expect(res.status).toBe(204);
  }

  /**
   * Another process (the CLI on the database file) changes an issue: the service finds the write on the
   * file and tells the open pages. (A write through `server.stores` is the service's own, made outside
   * any request: its streams are told of their own process's writes by the requests that make them, so
   * no page hears it.)
   */
  async function changeElsewhere(key: string, change: { title: string }): Promise<void> {
    const cli = await openDatabase({ url: server.databaseUrl, migrate: false });
    try {
      await cli.stores.issues.update(DEMO, key, change, { actor: 'cli' });
    } finally {
      await cli.close();
    }
  }

  it('offers the older events again when its history could not be read again while they were loading', async () => {
    const key = 'freelist-dict';
    for (let i = 0; i < 60; i++) {
      await server.stores.issues.update(DEMO, key, { title: `pass ${i}` }, { actor: 'script' });
    }
    const page = await open(`/projects/${DEMO}?issue=${key}`);
    const events = page.locator(`[data-issue="${key}"] ol.history > li`);
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(50);
    await page.locator('#live.live-on').waitFor({ timeout: 10_000 });
    // The older page is held; meanwhile another client changes the issue and the page's new read of its
    // history fails (the network drops it).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/history\?.*cursor=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.route(new RegExp(`/history\\?limit=\\d+&issue=${key}$`), (route) => route.abort());
    const older = page.locator('[data-action="older-history"]');
    await older.click();
    await expect.poll(() => older.textContent()).toBe('Loading older events…');
    await changeElsewhere(key, { title: 'changed elsewhere' });
    await page
      .locator(`[data-issue="${key}"] .panel-title`, { hasText: 'changed elsewhere' })
      .waitFor({ timeout: 10_000 });
    await sleep(500);
    release();
    await expect.poll(() => older.textContent(), { timeout: 10_000 }).toBe('Show older events');
    expect(await older.isDisabled()).toBe(false);
    await page.close();
  });

  it('says who deleted the issue it shows when another client deletes it, and drops it from the URL', async () => {
    const key = 'freelist-slice';
    // Focused on and taken as done too: every mention of it leaves the URL with it.
    const page = await open(`/projects/${DEMO}?issue=${key}&focus=${key}&whatif=${key}+freelist-float`);
    await page.locator(`[data-issue="${key}"]`).waitFor();

    await deleteElsewhere(key, 'bob');

    const notice = page.locator(`[data-gone="${key}"] .gone-notice`);
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^${key} was deleted by anonymous for bob on .+\\.$`));
    expect(new URL(page.url()).search).toBe('?whatif=freelist-float');
    await page.locator('aside.panel').screenshot({ path: `${ARTIFACTS}/issue-panel-deleted.png` });
    // Closed by the keyboard like any panel.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('aside.panel').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('says who deleted the issue being edited when its save finds it gone, and keeps what was typed', async () => {
    const key = 'freelist-tuple';
    const title = 'Typed over an issue deleted meanwhile';
    const page = await openEditing(key, title);
    await deleteElsewhere(key, 'carol');

    await page.locator('[data-action="save"]').click();
    await expect
      .poll(() => page.locator('.toast-error').last().textContent(), { timeout: 10_000 })
      .toBe(`${key} was deleted by anonymous for carol meanwhile: nothing was saved.`);
    expect(await page.locator('#edit-title').inputValue()).toBe(title);
    await page.locator('[data-action="cancel"]').click();
    await page.locator(`[data-gone="${key}"]`).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps what was typed when Escape is pressed in the editor, and discards it when it is pressed again', async () => {
    const key = 'ext-curses';
    const title = 'Typed, then Escape by habit';
    const page = await openEditing(key, title);
    await page.locator('#edit-title').press('Escape');
    const form = page.locator('[data-editor="edit"]');
    expect(await form.locator('#edit-title').inputValue()).toBe(title);
    expect(await form.locator('.form-problem').textContent()).toBe(
      'Unsaved changes: Save them, or press Escape again (or Cancel) to discard them.',
    );
    await page.locator('#edit-title').press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await page.locator(`[data-issue="${key}"] .panel-title`).textContent()).not.toBe(title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('asks again at an Escape after more was typed since it asked, rather than discarding the edit', async () => {
    const key = 'ext-decimal';
    const page = await openEditing(key, 'Typed, then Escape by habit');
    await page.locator('#edit-title').press('Escape');
    // The user goes on typing (a parent, its suggestions closed by Escape, again by habit).
    await page.locator('#edit-parent').fill('ext-ssl');
    await page.locator('#edit-parent').press('Escape');
    const form = page.locator('[data-editor="edit"]');
    expect(await form.count()).toBe(1);
    expect(await form.locator('#edit-parent').inputValue()).toBe('ext-ssl');
    expect(await form.locator('.form-problem').textContent()).toBe(
      'Unsaved changes: Save them, or press Escape again (or Cancel) to discard them.',
    );
    await page.locator('#edit-parent').press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps an edit left for another issue, and offers it again when that issue is edited', async () => {
    const key = 'ext-elementtree';
    const title = 'Typed, then another issue looked up';
    const page = await openEditing(key, title);
    await findIssue(page, 'bpo-40512');
    await page.goBack();
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    expect(await page.locator('#edit-title').inputValue()).toBe(title);
    expect(await page.locator('[data-draft-note]').textContent()).toBe(
      'Your unsaved changes are back: Save them, or Cancel to discard them.',
    );
    await page.locator('[data-action="cancel"]').click();
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    expect(await page.locator('#edit-title').inputValue()).not.toBe(title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the editor with the caret after the title, so that what is typed goes on the end of it', async () => {
    const key = 'ext-decimal';
    const page = await open(`/projects/${DEMO}?issue=${key}`);
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    const before = await page.locator('#edit-title').inputValue();
    await page.keyboard.type(' (typed)');
    expect(await page.locator('#edit-title').inputValue()).toBe(`${before} (typed)`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps an edit left for a new issue, and offers it again when its issue is edited', async () => {
    const key = 'ext-datetime';
    const title = 'Typed, then a new issue begun';
    const page = await openEditing(key, title);
    await page.locator('[data-action="new-issue"]').click();
    await page.locator('[data-editor="create"] [data-action="cancel"]').click();
    await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
    expect(await page.locator('#edit-title').inputValue()).toBe(title);
    expect(await page.locator('[data-draft-note]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says a link to an issue the project does not hold names no issue, and drops it from the URL', async () => {
    const page = await open(`/projects/${DEMO}?issue=no-such-issue&view=table`);
    await expect
      .poll(() => page.locator('[data-gone="no-such-issue"] .gone-notice').textContent(), { timeout: 10_000 })
      .toBe('There is no issue no-such-issue in this project: it was removed, or the link is wrong.');
    expect(new URL(page.url()).search).toBe('?view=table');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads a long history page by page from the keyboard, saying how much of it is shown', async () => {
    const key = 'freelist-float';
    // 120 changes (the demo's import is the project's event, not the issue's): three pages of 50.
    for (let i = 0; i < 120; i++) {
      await server.stores.issues.update(DEMO, key, { title: `take ${100 + i}` }, { actor: 'script' });
    }
    const page = await open(`/projects/${DEMO}?issue=${key}`);
    const events = page.locator(`[data-issue="${key}"] ol.history > li`);
    const count = page.locator('[data-history-count]');
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(50);
    expect(await count.textContent()).toBe('The latest 50 events; older ones are not shown yet.');

    const older = page.locator('[data-action="older-history"]');
    await older.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(100);
    // The keyboard lands on the first event of the page it asked for, the newest of those not shown before.
    expect(await page.evaluate("document.activeElement?.closest('li')?.textContent")).toContain(
      'title: take 168 → take 169',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.getAttribute('data-action')")).toBe('older-history');
    await page.keyboard.press('Enter');
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(120);
    expect(await count.textContent()).toBe('120 events, the whole history.');
    expect(await older.count()).toBe(0);
    expect(await events.last().textContent()).toContain('→ take 100');
    await page.locator('aside.panel').screenshot({ path: `${ARTIFACTS}/issue-panel-history.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  /**
   * The page at `key`, with 60 events in its history (titles `${word} 100` to `${word} 159`), its first 50
   * shown, and the cursor of the next page as `cursorAfter` makes it from the last event shown (standing for
   * one the service handed out in another form); once the service refuses a cursor, its answers go as they
   * are. `refused` counts the 400s.
   */
  async function openHistoryHolding(key: string, word: string, cursorAfter: (id: number) => string) {
    for (let i = 0; i < 60; i++) {
      await server.stores.issues.update(DEMO, key, { title: `${word} ${100 + i}` }, { actor: 'script' });
    }
    const page = await browser.newPage({ viewport: DESKTOP });
    problems = watchPage(page, { expected: /status of (404|400)/, dialogs });
    const held = { refused: 0 };
    await page.route('**/history?*', async (route) => {
      const response = await route.fetch();
      if (response.status() === 400) held.refused++;
      if (new URL(route.request().url()).searchParams.has('cursor') || held.refused > 0)
        return route.fulfill({ response });
      const body = (await response.json()) as { items: { id: number }[]; nextCursor: string | null };
      const last = body.items[body.items.length - 1];
      const nextCursor = body.nextCursor === null || last === undefined ? null : cursorAfter(last.id);
      await route.fulfill({ response, json: { ...body, nextCursor } });
    });
    await page.goto(`${server.url}/projects/${DEMO}?issue=${key}`);
    await graphDrawn(page);
    const events = page.locator(`[data-issue="${key}"] ol.history > li`);
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(50);
    return { page, events, held };
  }
  const cursorOf = (members: unknown[]) => Buffer.from(JSON.stringify(members)).toString('base64url');

  it('reads the older events of a page opened before the service was upgraded, whose cursor has the old form', async () => {
    // The form lists handed out before 84350db: `[kind, id]`, not naming its list.
    const { page, events, held } = await openHistoryHolding('ext-ctypes', 'step', (id) =>
      cursorOf(['history', id]),
    );
    await page.locator('[data-action="older-history"]').click();
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(60);
    expect(held.refused).toBe(0);
    expect(await page.locator('[data-history-count]').textContent()).toBe('60 events, the whole history.');
    expect(await events.last().textContent()).toContain('→ step 100');
    expect(await page.locator('.toast-error').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads its older events again from the start, without an error, when the service refuses the cursor it holds', async () => {
    // One the service does not take (a format to come, a restored database): a 400 naming querystring.cursor.
    const { page, events, held } = await openHistoryHolding('ext-elementtree', 'turn', () =>
      cursorOf(['history', 1, 'a list of another day']),
    );
    await page.locator('[data-action="older-history"]').click();
    await expect.poll(() => events.count(), { timeout: 10_000 }).toBe(60);
    expect(held.refused).toBe(1);
    expect(await page.locator('[data-history-count]').textContent()).toBe('60 events, the whole history.');
    expect(await events.last().textContent()).toContain('→ turn 100');
    // The keyboard lands on the first event it had not shown.
    expect(await page.evaluate("document.activeElement?.closest('li')?.textContent")).toContain(
      'turn 108 → turn 109',
    );
    expect(await page.locator('.toast-error').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows another tab's change in the history of the issue it shows, as it happens", async () => {
    const key = 'freelist-frame';
    const page = await open(`/projects/${DEMO}?issue=${key}`);
    const newest = page.locator(`[data-issue="${key}"] ol.history > li`).first();
    await page.locator(`[data-issue="${key}"]`).getByText('No recorded changes.').waitFor();
    const other = await browser.newPage({ viewport: DESKTOP });
    await other.goto(`${server.url}/projects/${DEMO}?issue=${key}`);
    await other.locator(`[data-issue="${key}"] [data-action="start"]`).click();
    await expect
      .poll(() => newest.textContent(), { timeout: 10_000 })
      .toContain('status: open → in_progress');
    await other.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a save under way on a slow server and takes it once', async () => {
    const key = 'freelist-list';
    const page = await openEditing(key, 'Saved once on a slow server');
    patchDelayMs = 2_000;
    const before = patches;
    try {
      const save = page.locator('[data-action="save"]');
      await save.click();
      await expect.poll(() => save.textContent()).toBe('Saving…');
      expect(await save.isDisabled()).toBe(true);
      // A second click and Enter in a field while it saves: neither sends anything.
      await save.click({ force: true });
      await page.locator('#edit-title').press('Enter');
      await page.locator(`[data-issue="${key}"]`).waitFor({ timeout: 10_000 });
    } finally {
      patchDelayMs = 0;
    }
    expect(patches - before).toBe(1);
    await expect
      .poll(() => page.locator(`[data-issue="${key}"] .panel-title`).textContent())
      .toBe('Saved once on a slow server');
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const [size, viewport] of SIZES) {
    it(`shows the issue a link names: its panel on screen, below the sticky header (${size})`, async () => {
      const page = await browser.newPage({ viewport });
      problems = watchPage(page, { expected: /status of 404/, dialogs });
      await page.goto(`${server.url}/projects/${DEMO}?issue=bpo-40512`);
      await graphDrawn(page);
      const heading = page.locator('[data-issue="bpo-40512"] [data-panel-heading]');
      await heading.waitFor();
      await page.waitForTimeout(500); // the panel is scrolled to at the next frame
      const [box, header] = [await heading.boundingBox(), await page.locator('header.top').boundingBox()];
      expect(box!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      await page.screenshot({ path: `${ARTIFACTS}/issue-link-${size}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  for (const [size, viewport] of SIZES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`leaves the editor's buttons pressable while it says a save was refused (${size}, ${colorScheme})`, async () => {
        const key = 'freelist-async-gen';
        await fetch(`${server.url}/v1/projects/${DEMO}/issues`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ key, title: 'Per-interpreter async generator free list' }),
        }); // each run deletes it: made again (a 409 when it is there)
        const page = await browser.newPage({ viewport, colorScheme });
        problems = watchPage(page, { expected: /status of 404/, dialogs });
        await page.goto(`${server.url}/projects/${DEMO}?issue=${key}`);
        await graphDrawn(page);
        await page.locator(`[data-issue="${key}"] [data-action="edit"]`).click();
        await page.locator('#edit-title').fill('Typed over an issue deleted meanwhile');
        await deleteElsewhere(key, 'dave');
        const save = page.locator('[data-action="save"]');
        await save.scrollIntoViewIfNeeded();
        await save.click();
        await page.locator('.toast-error').waitFor({ timeout: 10_000 });
        // Each button is what a press in its middle reaches, the message shown.
        for (const action of ['save', 'cancel']) {
          const reached = await page.evaluate(
            `(() => { const b = document.querySelector('[data-action="${action}"]'); const r = b.getBoundingClientRect();` +
              ' return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; })()',
          );
          expect(reached, action).toBe(true);
        }
        await page.screenshot({ path: `${ARTIFACTS}/toast-over-editor-${size}-${colorScheme}.png` });
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  }
});
