// Debian's Chromium for the dashboard's end-to-end tests and benchmark, driven by playwright-core.
// Never downloads a browser: it uses /usr/bin/chromium (installed by .ci/run in CI;
// `apt-get install -y chromium` by hand).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM);
/** Where the browser tests leave their screenshots for a reviewer (gitignored). */
export const ARTIFACTS = 'test-results';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** The two sizes the dashboard is checked at, each with its name for a test's title and screenshot. */
export const SIZES = [
  ['1440x900', DESKTOP],
  ['390x844', PHONE],
] as const;

/**
 * Whether the element `selector` finds is wholly in the window and a press in its middle reaches it (nothing
 * sticky or fixed lies over it).
 */
export function pressable(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (el === null) return false;
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.top < 0 || r.bottom > innerHeight) return false;
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  })()`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Waits for the project page's first graph (drawn even while its tab is hidden). */
export async function graphDrawn(page: Page): Promise<void> {
  await page.waitForSelector('svg.graph[data-rendered="true"]', { timeout: 15_000, state: 'attached' });
}

/**
 * Finds an issue with the graph's search box and picks it: it is selected, and centred on the graph.
 * @returns the node that stands for it (itself, or its folded parent)
 */
export async function findIssue(page: Page, key: string) {
  const search = page.getByRole('combobox', { name: 'Find an issue by key or title' });
  await search.fill(key);
  await page.locator(`[data-hit="${key}"]`).waitFor();
  await search.press('Enter');
  await page.locator(`[data-issue="${key}"]`).waitFor();
  return page.locator(`svg.graph [data-key="${key}"]`);
}

/**
 * What a page says that no test expects: page errors and console errors (except those matching
 * `expected`), returned as a list; dialogs are dismissed and added to `dialogs`. Tests assert both empty.
 */
export function watchPage(page: Page, options: { expected: RegExp; dialogs: string[] }): string[] {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    options.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expected.test(message.text())) problems.push(message.text());
  });
  return problems;
}

let axeSource: Promise<string> | undefined;

/** The serious and critical violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target })))",
  )) as { id: string; impact: string; nodes: number }[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
