// The forecast in the dashboard, end to end in Debian's Chromium on the demo (a team of three): the P85
// date in the header, criticality in "what's next", the Timeline tab (the levelled schedule, a lane per
// person, the critical chain, today, an issue's blockers on hover) and the burn-up with its cone; each
// showing what GET …/forecast answers. Screenshots go to test-results/ for a reviewer.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  axeViolations,
  CHROMIUM,
  chromiumMissing,
  DESKTOP,
  graphDrawn,
  launchChromium,
  PHONE,
  watchPage,
} from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';
import { apiOf } from './server-api.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/dashboard-forecast.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

type Forecast = {
  team: { name: string }[];
  trials: number;
  quantiles: Record<'p50' | 'p85' | 'p95', { date: string }>;
  criticality: Record<string, number>;
  levelled: {
    criticalChain: string[];
    schedule: { key: string; person: string | null; startDay: number; finishDay: number }[];
  };
};
type Issue = { key: string; blockedBy: string[] };

describe.skipIf(chromiumMissing && !process.env.CI)('the forecast in the dashboard', () => {
  let server: DashboardServer;
  let browser: Browser;
  const dialogs: string[] = [];
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

  const api = apiOf(() => server);
  const forecast = () => api<Forecast>(`/v1/projects/${DEMO}/forecast`);
  /** POSTs `body` to `path` (a project or an issue of one), as another client. */
  const create = (path: string, body: unknown) =>
    api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function open(path: string, options: { dark?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: DESKTOP, colorScheme: options.dark ? 'dark' : 'light' });
    problems = watchPage(page, { expected: /^$/, dialogs });
    await page.goto(`${server.url}${path}`);
    await graphDrawn(page);
    await page.waitForSelector('[data-forecast-headline]:not([hidden])', { timeout: 30_000 });
    return page;
  }

  it('says "with 3 people, P85 = <date>" in the header, and how critical each ready issue is', async () => {
    const page = await open(`/projects/${DEMO}`);
    const expected = await forecast();
    expect(await page.locator('[data-forecast-headline]').textContent()).toBe(
      `Forecast: with 3 people, P85 = ${expected.quantiles.p85.date}`,
    );
    const first = page.locator('[data-ranked]').first();
    const key = (await first.getAttribute('data-ranked')) as string;
    expect(Number(await first.locator('[data-criticality]').getAttribute('data-criticality'))).toBe(
      expected.criticality[key],
    );
    expect(await first.locator('[data-criticality]').textContent()).toMatch(
      /^on the critical chain in (\d+|<1)% of trials$|^on the critical chain in none of/,
    );
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('says a project whose issues are all finished is done, as its badges do, not that it lands today', async () => {
    await create('/v1/projects', { slug: 'finished', name: 'Finished', team: 2 });
    await create('/v1/projects/finished/issues', { key: 'shipped', title: 'Shipped', status: 'done' });
    await create('/v1/projects/finished/issues', { key: 'dropped', title: 'Dropped', status: 'wont_do' });
    const page = await open('/projects/finished');
    const headline = page.locator('[data-forecast-headline]');
    expect(await headline.textContent()).toBe('Forecast: done, nothing is open');
    expect(await headline.getAttribute('title')).toBe('Every issue is done or won’t do');
    expect(await page.locator('[data-ready-keys]').textContent()).toBe('nothing: all done');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says a forecast that runs past 9999-12-31 so, in the header and on the Timeline, as the badge does', async () => {
    await create('/v1/projects', { slug: 'too-late', name: 'Too late', team: 1, start: '9999-12-20' });
    await create('/v1/projects/too-late/issues', { key: 'long', title: 'Long', estimateDays: 30 });
    const page = await open('/projects/too-late?view=timeline');
    const headline = page.locator('[data-forecast-headline]');
    expect(await headline.textContent()).toBe('Forecast: runs past 9999-12-31');
    expect(await headline.getAttribute('title')).toMatch(/falls after 9999-12-31/);
    await expect
      .poll(() => page.locator('.timeline-caption').textContent())
      .toMatch(/^No schedule: working day \d+ from 9999-12-20 falls after 9999-12-31/);
    // The browser itself logs the forecast's 422 as a failed load; nothing else went wrong.
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await page.close();
  });

  it("reads the forecast again when the UTC day turns, as the service counts days: a wall screen nobody writes to does not keep yesterday's dates", {
    timeout: 90_000,
  }, async () => {
    // Validated beforehand: the page's own first validation would read the project (and the forecast) again.
    await create(`/v1/projects/${DEMO}/validations`, {});
    const page = await browser.newPage({ viewport: DESKTOP });
    problems = watchPage(page, { expected: /^$/, dialogs });
    const asked: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/forecast')) asked.push(Date.now());
    });
    // The page's clock is 20 s before a UTC midnight (only Date.now: the page's timers run as they do).
    const midnight = (Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000;
    const shift = midnight - 20_000 - Date.now();
    await page.addInitScript(`{ const real = Date.now.bind(Date); Date.now = () => real() + ${shift}; }`);
    const opened = Date.now();
    await page.goto(`${server.url}/projects/${DEMO}`);
    await graphDrawn(page);
    await page.waitForSelector('[data-forecast-headline]:not([hidden])', { timeout: 30_000 });
    // Read once at first, and once more after the page's midnight.
    await expect.poll(() => asked.filter((at) => at > opened + 20_000).length, { timeout: 45_000 }).toBe(1);
    expect(asked.filter((at) => at <= opened + 20_000)).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts a single open issue in the singular on the Timeline tab', async () => {
    await create('/v1/projects', { slug: 'single', name: 'Single', team: 1 });
    await create('/v1/projects/single/issues', { key: 'only', title: 'Only', estimateDays: 2 });
    const page = await open('/projects/single?view=timeline');
    await page.locator('svg.timeline').waitFor();
    expect(await page.locator('.timeline-caption').textContent()).toMatch(
      /^1 open issue levelled over 1 person on the most likely estimates, done \d{4}-\d{2}-\d{2}\./,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("puts what's next first, its top issues above the fold on a 1440x900 desktop and a 390x844 phone", async () => {
    for (const [name, viewport] of [
      ['1440', DESKTOP],
      ['390', PHONE],
    ] as const) {
      const page = await browser.newPage({
        viewport,
        isMobile: viewport === PHONE,
        hasTouch: viewport === PHONE,
      });
      problems = watchPage(page, { expected: /^$/, dialogs });
      await page.goto(`${server.url}/projects/${DEMO}`);
      const section = page.locator('section.ready-section');
      // Measured once the forecast is in: its headline takes a line above, and its criticality redraws
      // the list (measuring while it is redrawn found no third issue).
      await page.waitForSelector('[data-forecast-headline]:not([hidden])', { timeout: 30_000 });
      await section.locator('[data-ranked] [data-criticality]').first().waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/forecast-next-first-${name}.png` });
      // The first card of the page: only the hero (title, lead, forecast headline, goal) comes before it.
      const cards = await page
        .locator('#main section.card')
        .evaluateAll((els) =>
          els.filter((e) => !e.hasAttribute('hidden')).map((e) => e.getAttribute('class')),
        );
      expect(cards[0], name).toContain('ready-section');
      // Its heading and its first three issues are within the first screen, without scrolling.
      expect(await page.evaluate('window.scrollY')).toBe(0);
      const heading = await section.locator('h2').boundingBox();
      expect(heading?.y, name).toBeGreaterThanOrEqual(0);
      const third = await section.locator('[data-ranked]').nth(2).boundingBox();
      expect((third?.y ?? Number.POSITIVE_INFINITY) + (third?.height ?? 0), name).toBeLessThanOrEqual(
        viewport.height,
      );
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('draws the levelled schedule on the Timeline tab: a lane per person, the critical chain, today', async () => {
    const page = await open(`/projects/${DEMO}`);
    await page.locator('[data-tab="timeline"]').click();
    await page.locator('svg.timeline').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('timeline');
    const expected = await forecast();
    const lanes = await page
      .locator('svg.timeline [data-lane]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
    expect(lanes.slice(0, 3)).toEqual(expected.team.map((p) => p.name));
    const bars = await page
      .locator('svg.timeline .timeline-bar')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(bars.sort()).toEqual(expected.levelled.schedule.map((e) => e.key).sort());
    const critical = await page
      .locator('svg.timeline .timeline-bar.critical')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(critical.sort()).toEqual([...expected.levelled.criticalChain].sort());
    expect(await page.locator('svg.timeline .timeline-today').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/forecast-timeline-1440.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws what an issue waits for when it is hovered or focused, and opens it on click', async () => {
    const page = await open(`/projects/${DEMO}?view=timeline`);
    await page.locator('svg.timeline').waitFor();
    const { levelled } = await forecast();
    const scheduled = new Set(levelled.schedule.map((e) => e.key));
    const issues = await api<{ items: Issue[] }>(`/v1/projects/${DEMO}/issues?limit=500`);
    const waiting = issues.items.find(
      (i) => scheduled.has(i.key) && i.blockedBy.filter((b) => scheduled.has(b)).length >= 2,
    ) as Issue;
    const blockers = waiting.blockedBy.filter((b) => scheduled.has(b)).sort();
    const bar = page.locator(`svg.timeline .timeline-bar[data-key="${waiting.key}"]`);
    await bar.hover();
    const drawn = () =>
      page
        .locator(`svg.timeline .timeline-dep[data-to="${waiting.key}"]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-from')).sort());
    expect(await drawn()).toEqual(blockers);
    await page.mouse.move(0, 0);
    expect(await page.locator('svg.timeline .timeline-dep').count()).toBe(0);
    await bar.focus();
    expect(await drawn()).toEqual(blockers);
    await page.keyboard.press('Enter');
    await page.locator(`[data-issue="${waiting.key}"]`).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the burn-up with the P50-P95 cone, by count and by estimate', async () => {
    const page = await open(`/projects/${DEMO}`);
    const { quantiles } = await forecast();
    const section = page.locator('section.burnup-section');
    await section.locator('svg.burnup').waitFor();
    expect(await section.locator('.burnup-cone').getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+ (L[\d.]+,[\d.]+ ?)+Z$/,
    );
    expect(await section.locator('.burnup-done').getAttribute('d')).toMatch(/^M/);
    expect(await section.locator('.burnup-legend').textContent()).toContain(
      `forecast P50 ${quantiles.p50.date} – P95 ${quantiles.p95.date}`,
    );
    expect(await section.locator('.burnup-unit').textContent()).toBe('issues');
    await section.getByRole('button', { name: 'By estimate' }).click();
    expect(await section.getByRole('button', { name: 'By estimate' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await section.locator('.burnup-unit').textContent()).toBe('estimate-days');
    await section.screenshot({ path: `${ARTIFACTS}/forecast-burnup-1440.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows the dark colour scheme on the Timeline tab, and axe-core finds no serious violation', async () => {
    for (const dark of [false, true]) {
      const page = await open(`/projects/${DEMO}?view=timeline`, { dark });
      await page.locator('svg.timeline').waitFor();
      await page.locator('section.burnup-section svg.burnup').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });
});
