// The README badges in Debian's Chromium: opened on their own (under the Content-Security-Policy they are
// sent with) and embedded as images in a page under the dashboard's policy, each drawn without a policy
// violation or an error, with the text the plan gives. Screenshots go to test-results/.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan/types.js';
import { ARTIFACTS, CHROMIUM, chromiumMissing, launchChromium, watchPage } from './browser.js';
import { type DashboardServer, startDashboardServer } from './dashboard-server.js';

const DEMO = 'per-interpreter-gil';

if (chromiumMissing && !process.env.CI) {
  console.warn(`test/web/badges.test.ts: skipped, ${CHROMIUM} is missing. CI runs it.`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('README badges in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  let plan: Plan;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startDashboardServer({ demo: true });
    browser = await launchChromium();
    plan = (await (await fetch(`${server.url}/v1/projects/${DEMO}/plan`)).json()) as Plan;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A page that records what it says, every Content-Security-Policy violation and every failed response
   * but the browser's own favicon request (a document opened on its own asks for /favicon.ico).
   */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems = watchPage(page, { expected: /the server responded with a status of 404/, dialogs: [] });
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI))`);
    return { page, problems };
  }

  it('draws the progress badge opened on its own, with the percent the plan gives', async () => {
    const { page, problems } = await watchedPage();
    const summary = plan.progress.project;
    const percent = Math.floor((summary.finished / summary.total) * 100);
    const res = await page.goto(`${server.url}/v1/projects/${DEMO}/badges/progress.svg`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
    const svg = page.locator('svg');
    expect(await svg.getAttribute('aria-label')).toBe(`progress: ${percent}%`);
    const texts = await page.locator('svg > g > g > text, svg > g > text').allTextContents();
    expect(texts).toContain(`${percent}%`);
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(60);
    expect(box?.height).toBe(20);
    await svg.screenshot({ path: `${ARTIFACTS}/badge-progress.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows every badge as an image in a page under the dashboard policy', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${server.url}/`); // the dashboard: its Content-Security-Policy, img-src 'self'
    // Added by the page's own origin, as a README viewer would: an <img> per badge and style.
    const sizes = (await page.evaluate(`(async () => {
      const images = ['progress', 'goal', 'ready', 'forecast'].flatMap((name) =>
        ['flat', 'flat-square'].map((style) => {
          const img = document.createElement('img');
          img.alt = name + ' ' + style;
          img.src = '/v1/projects/${DEMO}/badges/' + name + '.svg?style=' + style;
          img.dataset.badge = name + '-' + style;
          document.body.prepend(img);
          return img;
        }),
      );
      await Promise.all(images.map((img) => img.decode()));
      return images.map((img) => [img.dataset.badge, img.naturalWidth, img.naturalHeight]);
    })()`)) as Array<[string, number, number]>;
    for (const [name, width, height] of sizes) {
      expect(width, String(name)).toBeGreaterThan(40);
      expect(height, String(name)).toBe(20);
    }
    await page.locator('img[data-badge]').first().scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${ARTIFACTS}/badges-embedded.png`,
      clip: { x: 0, y: 0, width: 900, height: 60 },
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
