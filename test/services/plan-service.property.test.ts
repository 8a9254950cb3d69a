import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { IssueStatus } from '../../src/domain/model.js';
import { computePlan } from '../../src/domain/plan/compute-plan.js';
import { createPlanService, type PlanJson, toPlanInput } from '../../src/services/plan-service.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

// Random writes through the real stores; after each one, the plan the service keeps current from the
// commits must be the plan of the project read afresh, byte for byte, without the service reading it.

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const STATUSES: IssueStatus[] = ['open', 'open', 'in_progress', 'done', 'wont_do'];
const key = fc.constantFrom(...KEYS);
const estimate = fc.option(fc.constantFrom(0, 0.5, 1, 3), { nil: null });

const write = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    key,
    status: fc.constantFrom(...STATUSES),
    estimate,
    parent: fc.option(key, { nil: null }),
  }),
  fc.record({ op: fc.constant('status' as const), key, status: fc.constantFrom(...STATUSES) }),
  fc.record({ op: fc.constant('estimate' as const), key, estimate }),
  fc.record({ op: fc.constant('parent' as const), key, parent: fc.option(key, { nil: null }) }),
  fc.record({ op: fc.constant('title' as const), key }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({ op: fc.constant('edge' as const), issue: key, blockedBy: key }),
  fc.record({ op: fc.constant('edge' as const), issue: key, blockedBy: key }),
  fc.record({ op: fc.constant('unedge' as const), issue: key, blockedBy: key }),
  fc.record({ op: fc.constant('default' as const), days: fc.constantFrom(1, 2) }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

let t: TempDatabase;
let project = 0;
let applied = 0;
let changed = 0;
beforeAll(async () => {
  t = await createTempDatabase();
});
afterAll(() => t.cleanup());

async function apply(slug: string, w: Write): Promise<void> {
  const { issues, dependencies, projects } = t.db.stores;
  const by = { actor: 'test' };
  try {
    switch (w.op) {
      case 'create':
        await issues.create(
          slug,
          { key: w.key, title: w.key, status: w.status, estimateDays: w.estimate, parent: w.parent },
          by,
        );
        break;
      case 'status':
        await issues.update(slug, w.key, { status: w.status }, by);
        break;
      case 'estimate':
        await issues.update(slug, w.key, { estimateDays: w.estimate }, by);
        break;
      case 'parent':
        await issues.update(slug, w.key, { parent: w.parent }, by);
        break;
      case 'title':
        await issues.update(slug, w.key, { title: `${w.key} ${Math.random()}` }, by);
        break;
      case 'delete':
        await issues.remove(slug, w.key, by);
        break;
      case 'edge':
        await dependencies.add(slug, { issue: w.issue, blockedBy: w.blockedBy }, by);
        break;
      case 'unedge':
        await dependencies.remove(slug, { issue: w.issue, blockedBy: w.blockedBy }, by);
        break;
      case 'default':
        await projects.update(slug, { defaultEstimateDays: w.days }, by);
        break;
    }
  } catch (error) {
    // A refused write (unknown key, cycle, duplicate, own parent) changes nothing and announces nothing.
    if (!(error instanceof DomainError)) throw error;
  }
}

function textOf(json: PlanJson): string {
  const chunks = 'bytes' in json ? [json.bytes] : [...json.chunks];
  return chunks.map((chunk) => new TextDecoder().decode(chunk)).join('');
}

describe('the plan kept current from the commits', () => {
  // ~1,400 transactions on a real database file: seconds alone, far more on a loaded machine.
  it('equals the plan of the project read afresh after every write, without reading it again', {
    timeout: 180_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 30 }), async (writes) => {
        const slug = `p${++project}`;
        const { stores } = t.db;
        await stores.projects.create({ slug, name: slug }, { actor: 'test' });
        // Most writes should find their issues: the project starts with every key but the last.
        for (const k of KEYS.slice(0, -1))
          await stores.issues.create(slug, { key: k, title: k }, { actor: 'test' });
        let reads = 0;
        const service = createPlanService({
          projects: stores.projects,
          issues: {
            listAll: (s) => stores.issues.listAll(s),
            listPlanRows: (s) => {
              reads++;
              return stores.issues.listPlanRows(s);
            },
          },
          commits: stores.commits,
        });
        try {
          await service.planJson(slug);
          for (const w of writes) {
            const before = (await service.planJson(slug)).revision;
            await apply(slug, w);
            if ((await stores.projects.get(slug)).revision !== before) changed++;
            const reference = computePlan(toPlanInput(await stores.issues.listPlanRows(slug)));
            expect(textOf((await service.planJson(slug)).json)).toBe(JSON.stringify(reference));
          }
          expect(reads).toBe(1);
          applied += writes.length;
        } finally {
          service.close();
        }
      }),
      { numRuns: 40 },
    );
    // The writes did change the plans they were checked on (not a run of refused writes).
    expect(changed / applied).toBeGreaterThan(0.3);
  });
});
