// The issue panel and editor of the dashboard against other clients' writes, end to end in Debian's
// Chromium on the demo with its live stream on: an edit is checked against the issue as it was when the
// editor opened (not as the live stream shows it since), a refused write keeps what was typed, and an
// issue's history is its own however busy the project is.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumMissing, DESKTOP, graphDrawn, launchChromium, watchPage } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';
import { apiOf } from './server-api.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-editor.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

type Issue = { title: string; labels: string[]; estimateDays: number | null };

describe.skipIf(chromiumMissing && !process.env.CI)(
  'the issue panel and editor against other writers',
  () => {
    let server: DashboardServer;
    let browser: Browser;
    const dialogs: string[] = [];
    let problems: string[] = [];

    beforeAll(async () => {
      server = await startDashboardServer({ demo: true });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const api = apiOf(() => server);
    const write = (path: string, method: string, body: unknown, actor: string) =>
      api(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-actor': actor },
        body: JSON.stringify(body),
      });

    async function open(path: string): Promise<Page> {
      const page = await browser.newPage({ viewport: DESKTOP });
      // The 412 the page handles is logged by the browser as a failed load.
      problems = watchPage(page, { expected: /\b412\b/, dialogs });
      await page.goto(`${server.url}${path}`);
      await graphDrawn(page);
      return page;
    }

    it('refuses an edit (412) when another client changed the issue while the editor was open, even once the live stream brought that change, and keeps what was typed on top of the latest state', async () => {
      await write(`/v1/projects/${DEMO}/issues`, 'POST', { key: 'ed-1', title: 'Before' }, 'test');
      const page = await open(`/projects/${DEMO}?issue=ed-1`);
      await page.locator('[data-issue="ed-1"] [data-action="edit"]').click();
      const form = page.locator('form[data-editor="edit"]');
      await form.getByLabel('Title').fill('Mine');
      await write(`/v1/projects/${DEMO}/issues/ed-1`, 'PATCH', { title: 'Theirs', labels: ['bob'] }, 'bob');
      // The live stream has brought bob's change to the page.
      await page.locator('.feed', { hasText: 'bob' }).waitFor();

      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.toast-error', { hasText: 'title: Before → Theirs' }).waitFor();
      expect(await api<Issue>(`/v1/projects/${DEMO}/issues/ed-1`)).toMatchObject({
        title: 'Theirs',
        labels: ['bob'],
      });
      // Still editing: what was typed is kept, the rest is the latest state.
      expect(await form.getByLabel('Title').inputValue()).toBe('Mine');
      expect(await form.getByLabel('Labels').inputValue()).toBe('bob');

      // Saved again, knowingly: the typed title over the latest state, bob's labels kept.
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.toast', { hasText: 'ed-1 saved.' }).waitFor();
      expect(await api<Issue>(`/v1/projects/${DEMO}/issues/ed-1`)).toMatchObject({
        title: 'Mine',
        labels: ['bob'],
      });
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
    it("shows an issue's own history however many changes the project had since", async () => {
      await write(`/v1/projects/${DEMO}/issues`, 'POST', { key: 'hist-1', title: 'Before' }, 'test');
      await write(`/v1/projects/${DEMO}/issues/hist-1`, 'PATCH', { title: 'After' }, 'carol');
      // 510 later changes elsewhere in the project (more than a page of its history).
      await write(`/v1/projects/${DEMO}/issues`, 'POST', { key: 'hist-busy', title: 'Busy' }, 'test');
      for (let i = 0; i < 510; i++)
        await write(`/v1/projects/${DEMO}/issues/hist-busy`, 'PATCH', { labels: [`l${i}`] }, 'bot');
      const page = await open(`/projects/${DEMO}?issue=hist-1`);
      const history = page.locator('[data-issue="hist-1"] .history');
      await history.waitFor();
      expect(await history.textContent()).toContain('title: Before → After');
      expect(await history.textContent()).toContain('for carol');
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  },
);
