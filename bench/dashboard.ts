// `npm run bench -- dashboard [rounds]`: the dashboard in headless Debian Chromium on generated projects
// of 1,000 and 5,000 issues (built through the store's import), against the demo project (37 issues)
// measured in the same run as the baseline. For each: the time from navigation to the first graph on
// screen, the page's long tasks (PerformanceObserver 'longtask', > 50 ms) until then, and while
// panning and zooming (60 drag steps, 30 wheel steps): the frame times (requestAnimationFrame
// intervals: median, p95, frames over 50 ms) and the long tasks. Goals: 1k first render under 1 s,
// pan/zoom without jank (p95 frame under 50 ms, no long task). Prints figures and ratios, never
// passes or fails on time.
import type { Page } from 'playwright-core';
import { CHROMIUM, chromiumMissing, launchChromium } from '../test/web/browser.js';
import { generatedProject, startDashboardServer } from '../test/web/dashboard-server.js';

interface Sample {
  firstGraphMs: number;
  nodes: number;
  engine: string;
  loadLongTasks: number[];
  frames: number[];
  interactLongTasks: number[];
}

// Runs in the page before its own scripts: records long tasks and, on demand, frame intervals.
const RECORDER = `
  window.__bench = { longTasks: [], frames: [], recording: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__benchRecord = () => {
    window.__bench.frames = [];
    window.__bench.recording = true;
    window.__bench.since = performance.now();
    let last = performance.now();
    const tick = (t) => {
      if (!window.__bench.recording) return;
      window.__bench.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
`;

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

async function measure(page: Page, url: string): Promise<Sample> {
  await page.addInitScript(RECORDER);
  await page.goto(url);
  await page.waitForSelector('svg.graph[data-rendered="true"]', { timeout: 60_000 });
  const metrics = (await page.evaluate('window.isoplanMetrics')) as {
    firstGraphMs: number;
    nodes: number;
    layoutEngine: string;
  };
  await page.waitForTimeout(300);
  const loadLongTasks = (await page.evaluate(
    `window.__bench.longTasks.filter((t) => t.start < ${metrics.firstGraphMs}).map((t) => t.duration)`,
  )) as number[];

  // Pan and zoom as a person would: drags, then wheel steps, one event per frame or so.
  const box = (await page.locator('svg.graph').boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate('window.__benchRecord()');
  const since = (await page.evaluate('window.__bench.since')) as number;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 9) * 120);
  await page.mouse.up();
  for (let i = 0; i < 30; i++) {
    await page.mouse.wheel(0, i < 15 ? -120 : 120);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  const frames = (await page.evaluate('window.__bench.recording = false, window.__bench.frames')) as number[];
  const interactLongTasks = (await page.evaluate(
    `window.__bench.longTasks.filter((t) => t.start >= ${since}).map((t) => t.duration)`,
  )) as number[];
  return {
    firstGraphMs: metrics.firstGraphMs,
    nodes: metrics.nodes,
    engine: metrics.layoutEngine,
    loadLongTasks,
    frames: frames.slice(1),
    interactLongTasks,
  };
}

export async function run(args: string[]): Promise<void> {
  if (chromiumMissing) {
    console.log(`skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  const rounds = Number(args[0] ?? 3);
  const server = await startDashboardServer({ demo: true });
  const browser = await launchChromium();
  try {
    for (const n of [1000, 5000]) {
      const slug = `generated-${n / 1000}k`;
      await server.stores.documents.import(slug, generatedProject(slug, n), { actor: 'bench' });
    }
    const cases: [string, string][] = [
      ['demo (37 issues, baseline)', '/projects/per-interpreter-gil'],
      ['1,000 issues (starts folded)', '/projects/generated-1k'],
      ['1,000 issues unfolded', '/projects/generated-1k?fold=none'],
      ['5,000 issues (starts folded)', '/projects/generated-5k'],
    ];
    console.log(
      `${rounds} rounds each (median of rounds); headless Chromium, 1440x900; the machine may be shared\n`,
    );
    const rows: {
      name: string;
      first: number;
      load: number;
      p50: number;
      p95: number;
      janky: number;
      longs: number;
      nodes: number;
      engine: string;
    }[] = [];
    for (const [name, path] of cases) {
      const samples: Sample[] = [];
      for (let r = 0; r < rounds; r++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        samples.push(await measure(page, `${server.url}${path}`));
        await page.close();
      }
      const med = (f: (s: Sample) => number) => quantile(samples.map(f), 0.5);
      rows.push({
        name,
        first: med((s) => s.firstGraphMs),
        load: med((s) => s.loadLongTasks.reduce((a, b) => a + b, 0)),
        p50: med((s) => quantile(s.frames, 0.5)),
        p95: med((s) => quantile(s.frames, 0.95)),
        janky: med((s) => s.frames.filter((f) => f > 50).length),
        longs: med((s) => s.interactLongTasks.length),
        nodes: samples[0]?.nodes ?? 0,
        engine: samples[0]?.engine ?? '',
      });
    }
    const base = rows[0] as (typeof rows)[number];
    console.log(
      'case                           nodes  engine        first graph  (x demo)  long tasks at load  frame p50  frame p95  (x demo)  frames>50ms  long tasks in pan/zoom',
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(30)} ${String(r.nodes).padStart(5)}  ${r.engine.padEnd(12)} ${`${r.first.toFixed(0)} ms`.padStart(11)}  ${(r.first / base.first).toFixed(2).padStart(7)}x  ${`${r.load.toFixed(0)} ms`.padStart(18)}  ${`${r.p50.toFixed(1)} ms`.padStart(9)}  ${`${r.p95.toFixed(1)} ms`.padStart(9)}  ${(r.p95 / base.p95).toFixed(2).padStart(7)}x  ${String(r.janky).padStart(11)}  ${String(r.longs).padStart(22)}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
