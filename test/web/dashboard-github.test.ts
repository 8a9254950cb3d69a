// The dashboard of a project linked to a GitHub meta issue, in headless Debian Chromium: when GitHub
// closes an issue's last open blocker, the service's `issue.unblocked` event reaches the open page through
// the live event stream, which names the unblocked issue with its title and what freed it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../integrations/github/fake-github.js';
import { ELSEWHERE, givenMetaIssue, HOME, META } from '../integrations/github/meta-issue.js';
import { testGithubClient } from '../integrations/github/test-client.js';
import { CHROMIUM, chromiumMissing, graphDrawn, launchChromium, watchPage } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const missing = chromiumMissing;
if (missing && !process.env.CI) {
  console.warn(
    `test/web/dashboard-github.test.ts: skipped, ${CHROMIUM} is missing (apt-get install -y chromium). CI runs it.`,
  );
}

describe.skipIf(missing && !process.env.CI)('the dashboard of a project linked to GitHub', () => {
  let fake: FakeGithub;
  let server: DashboardServer;
  let browser: Browser;
  const dialogs: string[] = [];
  let counter = 0;

  beforeAll(async () => {
    fake = await FakeGithub.start();
    server = await startDashboardServer({ demo: false, github: testGithubClient(fake) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });
  beforeEach(() => givenMetaIssue(fake));

  /** A project synced from the meta issue, open in a page: gh-3 waits for ericsnowcurrently/lib#9. */
  async function openLinkedProject(): Promise<{ page: Page; project: string; problems: string[] }> {
    const project = `linked-${++counter}`;
    await server.app.services.githubSync.sync(project, {
      link: { repository: HOME, issue: META, document: null },
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems = watchPage(page, { expected: /404/, dialogs });
    await page.goto(`${server.url}/projects/${project}`);
    await graphDrawn(page);
    // Every toast shown, kept after it fades.
    await page.evaluate(`{
      window.toastsSeen = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) window.toastsSeen.push(n.textContent);
      }).observe(document.getElementById('toasts'), { childList: true });
    }`);
    return { page, project, problems };
  }

  const toastsSeen = (page: Page) => page.evaluate('window.toastsSeen') as Promise<string[]>;

  const syncAgain = (project: string) =>
    fetch(`${server.url}/v1/projects/${project}/github/sync`, { method: 'POST' });

  it('names the issue GitHub just unblocked, with its title and the blocker whose closing freed it', async () => {
    const { page, project, problems } = await openLinkedProject();
    fake.issue(ELSEWHERE, 9, { state: 'closed' }); // gh-2 is closed already: gh-3's last open blocker
    expect((await syncAgain(project)).status).toBe(200);

    const notice = page.locator('[data-unblocked] [data-unblocked-issue="gh-3"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toBe(
      'gh-3 Per-interpreter allocator (its last open blocker ericsnowcurrently:lib:gh-9 was finished)',
    );
    const item = page.locator('.feed [data-unblocked-event="gh-3"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('unblocked gh-3');

    // The refresh that follows the change shows gh-3 ready, and does not announce it a second time.
    await page.locator('[data-ready-keys~="gh-3"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-unblocked] [data-unblocked-issue]').count()).toBe(1);
    expect((await toastsSeen(page)).filter((t) => t.startsWith('Now unblocked'))).toEqual([
      'Now unblocked: gh-3 Per-interpreter allocator',
    ]);

    // Clicking the key selects the issue.
    await notice.getByRole('button', { name: 'gh-3' }).click();
    await page.locator('[data-issue="gh-3"]').waitFor();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('announces together the issues that one change unblocked', async () => {
    const { page, project } = await openLinkedProject();
    // gh-5 waits for gh-4; gh-3 for gh-9: one sync closes both blockers.
    fake.issue(ELSEWHERE, 9, { state: 'closed' });
    fake.issue(HOME, 4, { state: 'closed' });
    expect((await syncAgain(project)).status).toBe(200);
    const notices = page.locator('[data-unblocked] [data-unblocked-issue]');
    await page.locator('[data-unblocked] [data-unblocked-issue="gh-5"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-unblocked] [data-unblocked-issue="gh-3"]').waitFor();
    expect(await notices.count()).toBe(2);
    expect(await page.locator('.feed [data-unblocked-event]').count()).toBe(2);
    await page.close();
  });
});
