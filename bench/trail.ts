// `npm run bench -- trail [events] [--issues 1000] [--reps 5]`: what the forecast pays for its project's
// audit trail on each new revision, on a real SQLite file. A 1,000-issue project is given a trail of
// `events` events (60,000 by default: a busy project's months; each sync that changes every issue's
// estimate is 1,000 `issue.update` events, whole issue views before and after), then, after one more write
// each time (best of `reps`):
//   - the trail read whole, as the forecast read it on every revision before it kept it (the baseline);
//   - the trail the forecast keeps (src/services/audit-trail-cache.ts): the new events only;
//   - a forecast after one write (GET …/forecast's work: trail, history, 10,000 trials), for scale.
// Prints the kept/whole ratio and the heap the kept trail holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forecastTrailEvent } from '../src/domain/forecast/forecast-trail.js';
import type { ProjectDocument } from '../src/domain/model.js';
import { createAuditTrailCache } from '../src/services/audit-trail-cache.js';
import { createServices } from '../src/services/services.js';
import { openDatabase } from '../src/store/database.js';
import { generateDocument } from './import.js';
import { collector, option } from './planner.js';

const by = { actor: 'bench' };

export async function run(args: string[]): Promise<void> {
  const events = Number(
    args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 60_000,
  );
  const issues = Number(option(args, '--issues') ?? 1000);
  const reps = Number(option(args, '--reps') ?? 5);
  const gc = collector();
  const dir = mkdtempSync(join(tmpdir(), 'isoplan-bench-trail-'));
  const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}`, synchronous: 'NORMAL' });
  try {
    const document = generateDocument(issues, issues * 3);
    await db.stores.documents.import('bench', document, by);
    // Syncs that re-estimate every issue: one audit event per issue each.
    let round = 0;
    while ((await db.stores.audit.listAfter('bench', Number.MAX_SAFE_INTEGER)).total < events) {
      round++;
      await db.stores.documents.apply('bench', (current) => reEstimated(current!, round), by);
    }
    const trails = createAuditTrailCache(db.stores.audit);
    const services = createServices({ stores: db.stores });
    await trails.events('bench');
    await services.forecasts.forecast('bench');
    let whole = Number.POSITIVE_INFINITY;
    let kept = Number.POSITIVE_INFINITY;
    let forecast = Number.POSITIVE_INFINITY;
    let total = 0;
    for (let r = 0; r < reps; r++) {
      await db.stores.issues.update('bench', `issue-${r}`, { estimateDays: 20 + r }, by);
      gc?.();
      let start = performance.now();
      const all = (await db.stores.audit.listAll('bench')).map(forecastTrailEvent);
      whole = Math.min(whole, performance.now() - start);
      total = all.length;
      gc?.();
      start = performance.now();
      await trails.events('bench');
      kept = Math.min(kept, performance.now() - start);
      gc?.();
      start = performance.now();
      await services.forecasts.forecast('bench');
      forecast = Math.min(forecast, performance.now() - start);
    }
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const held = createAuditTrailCache(db.stores.audit);
    const trail = await held.events('bench');
    gc?.();
    const heapMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    console.log(`${issues} issues, trail of ${total} events (best of ${reps}, one write before each)`);
    console.log(`  trail read whole (before)   ${whole.toFixed(1).padStart(8)} ms`);
    console.log(`  trail kept (new events)     ${kept.toFixed(1).padStart(8)} ms`);
    console.log(`  kept/whole                  ${(kept / whole).toFixed(3)}x`);
    console.log(`  a forecast after one write  ${forecast.toFixed(1).padStart(8)} ms (trail kept)`);
    console.log(
      `  kept trail's heap           ${heapMB.toFixed(1).padStart(8)} MB (${((heapMB * 2 ** 20) / trail.length).toFixed(0)} bytes an event)`,
    );
    await services.close();
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function reEstimated(current: ProjectDocument, round: number): ProjectDocument {
  return {
    ...current,
    issues: current.issues.map((issue, i) => ({ ...issue, estimateDays: 1 + ((i + round) % 9) })),
  };
}
