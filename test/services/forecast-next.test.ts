// What to start next names the revision it answers for (GET …/next's ETag): its ranking comes from the
// plan, its criticality from the forecast, each read on its own; a write between the two reads must not
// leave the older one's figures under the newer revision's tag (a dashboard would get 304 on them until
// the project changes again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForecastService } from '../../src/services/forecast-service.js';
import { createPlanService, type PlanService } from '../../src/services/plan-service.js';
import { givenIssue, givenProject } from '../api/test-app.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

let temp: TempDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
});
afterAll(() => temp.cleanup());

describe('ForecastService.next', () => {
  it('names the older revision when its criticality was read before a write and its ranking after it', async () => {
    const { stores } = temp.db;
    const project = await givenProject(stores, { team: 1 });
    await givenIssue(stores, project.slug, { key: 'a', estimateDays: 2 });
    const real = createPlanService({
      projects: stores.projects,
      issues: stores.issues,
      commits: stores.commits,
    });
    let writeDone!: () => void;
    const written = new Promise<void>((resolve) => {
      writeDone = resolve;
    });
    let criticalityRead: number | undefined;
    // The forecast's read of the project, then a write, then the plan's read: the order a busy project can give.
    const plans: Pick<PlanService, 'rows' | 'plan'> = {
      async rows(slug) {
        const read = await real.rows(slug);
        if (criticalityRead === undefined) {
          criticalityRead = read.project.revision;
          await givenIssue(stores, slug, { key: 'b', estimateDays: 5 });
          writeDone();
        }
        return read;
      },
      async plan(slug) {
        await written;
        return real.plan(slug);
      },
    };
    const forecasts = createForecastService({ plans, audit: stores.audit });

    const next = await forecasts.next(project.slug, 10);

    expect(criticalityRead).toBeDefined();
    expect((await stores.projects.get(project.slug)).revision).toBeGreaterThan(criticalityRead!);
    expect(next.revision).toBe(criticalityRead);
  });
});
