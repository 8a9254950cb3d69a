// The dashboard end to end: the real app on a temporary database, driven in headless
// Debian Chromium by playwright-core (browser.ts). The graph is opened unfolded (`?fold=none`) where
// a test counts one node per issue: the demo cannot be read whole at Fit, so it starts folded.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  axeViolations,
  CHROMIUM,
  chromiumMissing,
  findIssue,
  graphDrawn,
  launchChromium,
  watchPage,
} from './browser.js';
import { type DashboardServer, generatedProject, startDashboardServer } from './dashboard-server.js';
import { apiOf } from './server-api.js';

const DEMO = 'per-interpreter-gil';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
/** The page's budget is 2 s; the assertion allows a loaded CI machine three times that. */
const FIRST_RENDER_LIMIT_MS = 6000;

const missing = chromiumMissing;
if (missing && !process.env.CI) {
  console.warn(
    `test/web/dashboard.test.ts: skipped, ${CHROMIUM} is missing (apt-get install -y chromium). CI runs it.`,
  );
}

describe.skipIf(missing && !process.env.CI)('the dashboard in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  /** Dialogs seen by any page: none is expected. */
  const dialogs: string[] = [];
  /** Page errors and console errors of the page opened last: none is expected. */
  let problems: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({ demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // The validations route is optional: its 404 is expected until it exists.
    problems = watchPage(page, { expected: /404/, dialogs });
    await page.goto(`${server.url}${path}`);
    await graphDrawn(page);
    return page;
  }

  const api = apiOf(() => server);

  type Plan = {
    ready: string[];
    blocked: { key: string; blockedBy: string[] }[];
    criticalPath: { keys: string[] };
  };
  const plan = () => api<Plan>(`/v1/projects/${DEMO}/plan`);
  const issueCount = async (project: string) => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await api(
        `/v1/projects/${project}/issues?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  };
  const keysOf = (page: Page, selector: string) =>
    page
      .locator(selector)
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-key') as string).sort());

  it('lists the demo project with its progress', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const card = page.locator(`[data-project="${DEMO}"]`);
    await card.waitFor();
    expect(await card.locator('.bar').count()).toBe(1);
    expect(await card.textContent()).toMatch(/\d+% by count/);
    await page.close();
  });

  it('lists a validated project without goal checks as having no goal set, never with a green "goal holds"', async () => {
    const post = (path: string, body: unknown) =>
      api(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/v1/projects', { slug: 'goalless', name: 'Goalless' });
    await post('/v1/projects/goalless/issues', { key: 'one', title: 'One' });
    // Validated: an empty goal holds trivially, which is no news.
    expect(await post('/v1/projects/goalless/validations', {})).toMatchObject({ goal: { holds: true } });
    const page = await browser.newPage();
    await page.goto(server.url);
    const card = page.locator('[data-project="goalless"]');
    await card.waitFor();
    expect(await card.locator('.verdict-verified').count()).toBe(0);
    expect(await card.textContent()).toContain('no goal set');
    await page.close();
  });

  it('passes axe-core (no serious or critical violation) on the table, where every status is shown, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme });
      await page.goto(`${server.url}/projects/${DEMO}?view=table`);
      await page.locator('[data-row] .status-wont_do').first().waitFor();
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.close();
    }
  });

  it('passes axe-core on the delete confirmation, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme });
      await page.goto(`${server.url}/projects/${DEMO}?issue=ext-curses`);
      await page.locator('[data-issue="ext-curses"] [data-action="delete"]').click();
      await page.locator('dialog[open] [data-action="confirm-delete"]').waitFor();
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await page.close();
    }
  });

  it('draws one node per issue and marks the critical path, with elkjs running under the CSP', async () => {
    const page = await open(`/projects/${DEMO}?fold=none`);
    expect(await page.locator('[data-key]').count()).toBe(await issueCount(DEMO));
    const expected = (await plan()).criticalPath.keys;
    expect(expected.length).toBeGreaterThan(0);
    expect(await keysOf(page, '[data-critical="true"]')).toEqual([...expected].sort());
    expect(await page.locator('path.edge.critical').count()).toBe(expected.length - 1);
    expect(await page.evaluate('window.isoplanMetrics.layoutEngine')).toBe('elk-layered');
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-demo.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('marks a ready issue done and shows the new ready set', async () => {
    const before = await plan();
    // A ready issue that is the only blocker of another: marking it done readies that one.
    const unlocked = before.blocked.find(
      (b) => b.blockedBy.length === 1 && before.ready.includes(b.blockedBy[0] as string),
    );
    const key = unlocked?.blockedBy[0] ?? (before.ready[0] as string);
    const page = await open(`/projects/${DEMO}`);
    const readyKeys = async () =>
      ((await page.locator('[data-ready-keys]').getAttribute('data-ready-keys')) ?? '').split(' ');
    expect(await readyKeys()).toEqual(before.ready);

    await findIssue(page, key);
    await page.locator(`[data-issue="${key}"] [data-action="done"]`).click();
    // The stats update first; the graph follows once its layout is done.
    await page.waitForSelector(`[data-ready-keys]:not([data-ready-keys~="${key}"])`);
    await page.waitForSelector(`[data-key="${key}"][data-status="done"]`);

    const after = await plan();
    expect(after.ready).not.toContain(key);
    expect(await readyKeys()).toEqual(after.ready);
    if (unlocked) expect(await readyKeys()).toContain(unlocked.key);
    // The details panel now offers to reopen it.
    await page.locator(`[data-issue="${key}"] [data-action="reopen"]`).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells the user when someone else changed the issue meanwhile (412), and shows the latest state', async () => {
    const { ready } = await plan();
    const key = ready[0] as string;
    const page = await open(`/projects/${DEMO}`);
    let refused = 0;
    // Another client wins the race between the page's read and its write.
    await page.route(`**/v1/projects/${DEMO}/issues/${key}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      refused++;
      return route.fulfill({
        status: 412,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'precondition-failed',
          title: 'Precondition Failed',
          status: 412,
          detail: 'stale',
        }),
      });
    });
    await findIssue(page, key);
    await page.locator(`[data-issue="${key}"] [data-action="done"]`).click();
    await page.locator('.toast-error', { hasText: 'changed by someone else' }).waitFor();
    expect(refused).toBe(1);
    expect(await page.locator(`[data-key="${key}"]`).getAttribute('data-status')).toBe('open');
    await page.close();
  });

  it('refuses to mark done an issue that changed since the page showed it (no lost update)', async () => {
    const { ready } = await plan();
    const key = ready[ready.length - 1] as string;
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // No live updates: the page keeps showing the issue as it was when loaded.
    await page.route('**/events', (route) => route.abort());
    await page.goto(`${server.url}/projects/${DEMO}`);
    await graphDrawn(page);

    // Another client moves the issue on; the page has not seen it.
    await api(`/v1/projects/${DEMO}/issues/${key}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'wont_do' }),
    });
    await findIssue(page, key);
    await page.locator(`[data-issue="${key}"] [data-action="done"]`).click();
    await page.locator('.toast-error', { hasText: 'changed by someone else' }).waitFor();
    expect((await api<{ status: string }>(`/v1/projects/${DEMO}/issues/${key}`)).status).toBe('wont_do');
    await page.close();
  });

  it('zooms with the wheel and the buttons, pans by dragging, and folds a parent into its node', async () => {
    const page = await open(`/projects/${DEMO}?fold=none`);
    const transform = () => page.locator('svg.graph .viewport').getAttribute('transform');
    const before = await transform();
    await page.locator('svg.graph').hover({ position: { x: 200, y: 200 } });
    await page.mouse.wheel(0, -400);
    await expect.poll(transform).not.toBe(before);
    const zoomed = await transform();
    await page.locator('button[aria-label="Zoom out"]').click();
    expect(await transform()).not.toBe(zoomed);

    // Drag from an empty corner of the drawing pans it.
    const panned = await transform();
    const box = (await page.locator('svg.graph').boundingBox()) as { x: number; y: number };
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 5 });
    await page.mouse.up();
    expect(await transform()).not.toBe(panned);

    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    expect(await transform()).toBe(before);

    const count = await page.locator('[data-key]').count();
    const parent = (await page.locator('[data-toggle]').first().getAttribute('data-toggle')) as string;
    await findIssue(page, parent); // on screen: Fit may show only the critical chain
    await page.locator(`[data-toggle="${parent}"]`).click();
    await page.waitForSelector(`[data-key="${parent}"][data-collapsed="true"]`);
    expect(await page.locator('[data-key]').count()).toBeLessThan(count);
    await page.locator(`[data-toggle="${parent}"]`).click();
    await expect.poll(() => page.locator('[data-key]').count()).toBe(count);
    await page.close();
  });

  it('folds and unfolds one parent from the keyboard, the focus staying on it', async () => {
    const page = await open(`/projects/${DEMO}?fold=none`);
    const parent = (await page.locator('[data-toggle]').first().getAttribute('data-toggle')) as string;
    const node = page.locator(`svg.graph [data-key="${parent}"]`);
    expect(await node.getAttribute('aria-expanded')).toBe('true');
    await node.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => node.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('false');
    expect(new URL(page.url()).searchParams.get('fold')).toBe(parent);
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-key")')).toBe(parent);
    await page.keyboard.press('+');
    await expect.poll(() => node.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-key")')).toBe(parent);
    expect(new URL(page.url()).searchParams.get('fold')).toBe('none');
    await page.close();
  });

  it('shows a hostile title as text, runs nothing, and receives it live from another client', async () => {
    const page = await open(`/projects/${DEMO}`);
    const count = await page.locator('[data-key]').count();
    // Another client adds the issue while the page is open: it arrives through server-sent events.
    await api(`/v1/projects/${DEMO}/issues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-actor': 'test' },
      body: JSON.stringify({ key: 'xss-1', title: HOSTILE_TITLE, body: HOSTILE_TITLE, labels: ['<b>x</b>'] }),
    });
    const node = page.locator('[data-key="xss-1"]');
    await node.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-key]').count()).toBe(count + 1);

    await findIssue(page, 'xss-1');
    await node.click();
    const panelTitle = page.locator('[data-issue="xss-1"] .panel-title');
    expect(await panelTitle.textContent()).toBe(HOSTILE_TITLE);
    expect(await panelTitle.isVisible()).toBe(true);
    await page.locator('[data-tab="table"]').click();
    await page.locator('[data-row="xss-1"]').waitFor();
    expect(await page.locator('[data-row="xss-1"] td').nth(1).textContent()).toContain(HOSTILE_TITLE);

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b', { hasText: 'x' }).count()).toBe(0);
    await page.waitForTimeout(300); // an injected handler would have fired by now
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs a validation and shows the goal, the verdicts and the component matrix', async (ctx) => {
    if (!server.app.hasRoute({ method: 'POST', url: '/v1/projects/:project/validations' })) {
      ctx.skip(); // the validations API is another issue's; until it is served the panel stays hidden
    }
    const page = await open(`/projects/${DEMO}?fold=none`);
    await page.locator('[data-action="validate"]').click();
    await page.waitForSelector('[data-goal="holds"], [data-goal="fails"]', { timeout: 20_000 });
    await page.waitForSelector('[data-validation]');

    type Run = { id: string; goal: { holds: boolean }; issues: { key: string; verdict: string }[] };
    const list = await api<{ items: { id: string; issues?: unknown }[] }>(
      `/v1/projects/${DEMO}/validations?limit=1`,
    );
    const newest = list.items[0] as { id: string };
    const run = await api<Run>(`/v1/projects/${DEMO}/validations/${newest.id}`);
    expect(await page.getAttribute('[data-goal]', 'data-goal')).toBe(run.goal.holds ? 'holds' : 'fails');
    const marked = run.issues
      .filter((v) => v.verdict !== 'untested')
      .map((v) => v.key)
      .sort();
    await expect
      .poll(() => keysOf(page, '[data-verdict="verified"], [data-verdict="failing"]'))
      .toEqual(marked);
    expect(await page.locator('table.matrix tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-validated.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the first graph of a 1,000-issue project within the budget', async () => {
    await server.stores.documents.import('generated-1k', generatedProject('generated-1k', 1000), {
      actor: 'test',
    });
    const page = await open('/projects/generated-1k');
    const metrics = (await page.evaluate('window.isoplanMetrics')) as {
      firstGraphMs: number;
      layoutEngine: string;
    };
    console.info(
      `dashboard: first graph of 1,000 issues on screen ${Math.round(metrics.firstGraphMs)} ms after navigation (${metrics.layoutEngine})`,
    );
    // Too large to read whole: it starts folded, one node per top-level issue, and never below 11 px.
    expect(await page.locator('[data-key]').count()).toBe(Math.ceil(1000 / 11));
    expect(metrics.firstGraphMs).toBeLessThan(FIRST_RENDER_LIMIT_MS);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-1k.png` });

    // Unfolding shows every issue.
    await page.locator('[data-action="unfold-all"]').click();
    await expect.poll(() => page.locator('[data-key]').count(), { timeout: 10_000 }).toBe(1000);
    await page.close();
  });

  it('opens an issue folded into its parent with a short link: the one parent opened, not every one still folded', async () => {
    await server.stores.documents.import('generated-fold', generatedProject('generated-fold', 1000), {
      actor: 'test',
    });
    const page = await open('/projects/generated-fold');
    await findIssue(page, 'gen-500');
    // gen-500 is in gen-495's sub-issues: that parent is opened, the 90 others stay folded.
    const query = new URL(page.url()).searchParams;
    expect(query.get('unfold')).toBe('gen-495');
    expect(query.has('fold')).toBe(false);
    expect(await page.locator('svg.graph [data-key]').count()).toBe(90 + 11);

    // The link reopens the same view.
    await page.goto(page.url());
    await graphDrawn(page);
    await page.locator('[data-issue="gen-500"]').waitFor();
    expect(await page.locator('svg.graph [data-key]').count()).toBe(90 + 11);
    expect(problems).toEqual([]);
    await page.close();
  });
});
