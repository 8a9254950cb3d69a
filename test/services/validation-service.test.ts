import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.js';
import type { ValidationRun } from '../../src/domain/validation/types.js';
import { createInProcessRunner } from '../../src/services/check-runners.js';
import { createValidationService, type ValidationService } from '../../src/services/validation-service.js';
import type { Stores } from '../../src/store/types.js';
import type { TempDatabase } from '../store/temp-database.js';
import { until } from '../until.js';
import { DEMO, DEMO_FREELIST_ISSUES, DEMO_VERDICTS, demoDatabase } from './demo-fixture.js';

const by = { actor: 'test' };

function verdicts(run: ValidationRun) {
  const out: Record<string, string[]> = { verified: [], failing: [], untested: [] };
  for (const issue of run.issues) out[issue.verdict]!.push(issue.key);
  for (const keys of Object.values(out)) keys.sort();
  return out;
}

describe('validation service over the demo', () => {
  let temp: TempDatabase;
  let stores: Stores;
  let service: ValidationService;

  beforeEach(async () => {
    temp = await demoDatabase();
    stores = temp.db.stores;
    service = createValidationService({
      issues: stores.issues,
      projects: stores.projects,
      validations: stores.validations,
      runner: createInProcessRunner(),
    });
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('tells what is verified, what fails and which dependency is missing', async () => {
    const run = await service.validate(DEMO);
    expect(verdicts(run)).toEqual({
      verified: [...DEMO_VERDICTS.verified].sort(),
      failing: [...DEMO_VERDICTS.failing].sort(),
      untested: [...DEMO_VERDICTS.untested].sort(),
    });
    expect(run.regressions).toEqual([]);
    // Free lists per interpreter are not enough: their objects still come from the shared obmalloc.
    expect(run.missingDependencies.map((m) => [m.issue, m.shouldBeBlockedBy])).toEqual([
      ['freelists', 'obmalloc-per-interpreter'],
    ]);
    expect(new Set(run.missingDependencies[0]!.because.map((v) => `${v.kind}:${v.component}`))).toEqual(
      new Set(['data-race:obmalloc']),
    );
    expect(run.goal.holds).toBe(false);
    expect(run.goal.holdsWhenAllDone).toBe(true);
    expect(run.goal.openIssuesThatFix).toEqual(
      expect.arrayContaining(['bpo-40255', 'obmalloc-per-interpreter', 'ext-decimal', 'unicode-interned']),
    );
    expect(run.goal.openIssuesThatFix).not.toContain('pymalloc-subinterpreters'); // wont_do
    expect(run.components.find((c) => c.component === 'gc')).toMatchObject({
      initial: 'shared',
      claimed: 'per-interpreter',
      claimedBy: 'bpo-36854',
      verified: true,
    });
    expect(run.components.find((c) => c.component === 'obmalloc')).toMatchObject({
      claimed: null,
      verified: false,
    });
  });

  it('brings a removed real edge back as a missing dependency', async () => {
    await stores.dependencies.remove(
      DEMO,
      { issue: 'debug-cross-interpreter-check', blockedBy: 'bpo-40255' },
      by,
    );
    const run = await service.validate(DEMO);
    expect(run.issues.find((i) => i.key === 'debug-cross-interpreter-check')).toMatchObject({
      verdict: 'failing',
      fixedBy: ['bpo-40255'],
    });
    expect(run.missingDependencies).toContainEqual(
      expect.objectContaining({ issue: 'debug-cross-interpreter-check', shouldBeBlockedBy: 'bpo-40255' }),
    );
  });

  it('reports a finished issue whose claims are not enough as a regression', async () => {
    for (const key of DEMO_FREELIST_ISSUES) {
      await stores.issues.update(DEMO, key, { status: 'done' }, by);
    }
    const run = await service.validate(DEMO);
    expect(run.regressions).toEqual(['freelists']);
    expect(run.issues.find((i) => i.key === 'freelists')).toMatchObject({
      regression: true,
      fixedBy: ['obmalloc-per-interpreter'],
    });
  });

  it('returns the stored run for an unchanged project, and runs again after a write', async () => {
    const first = await service.validate(DEMO);
    expect(first.reused).toBeUndefined();
    const second = await service.validate(DEMO);
    expect(second).toMatchObject({ id: first.id, fingerprint: first.fingerprint, reused: true });

    await stores.issues.update(DEMO, 'ext-ssl', { claims: [] }, by);
    const third = await service.validate(DEMO);
    expect(third.fingerprint).not.toBe(first.fingerprint);
    expect(third.id).not.toBe(first.id);
    expect(third.issues.find((i) => i.key === 'ext-ssl')!.verdict).toBe('failing');

    await stores.dependencies.remove(DEMO, { issue: 'freelists', blockedBy: 'freelist-tuple' }, by);
    expect((await service.validate(DEMO)).fingerprint).not.toBe(third.fingerprint);

    const page = await service.list(DEMO, { limit: 10 });
    expect(page.items.map((s) => s.id)).toEqual([expect.any(String), third.id, first.id]);
    expect(await service.get(DEMO, first.id)).toEqual({ ...first });
  });

  it('runs once for concurrent requests on the same input', async () => {
    const [a, b] = await Promise.all([service.validate(DEMO), service.validate(DEMO)]);
    expect(b.id).toBe(a.id);
    expect((await service.list(DEMO, { limit: 10 })).items).toHaveLength(1);
  });

  it('runs once when the first run is stored while a second request still reads the store', async () => {
    // The second request reads the stored runs before the first run is stored, and gets its answer (none)
    // only once that run is stored and has left the single flight: it must still not compute another.
    // (It is started first and its first read held: the first request's reads then come after it, in
    // order, whatever the engine's connections do.)
    let firstStored!: () => void;
    const stored = new Promise<void>((resolve) => {
      firstStored = resolve;
    });
    let reads = 0;
    const slowSecondRead = createValidationService({
      issues: stores.issues,
      projects: stores.projects,
      validations: {
        ...stores.validations,
        async findByFingerprint(project, fingerprint) {
          const nth = ++reads;
          const found = await stores.validations.findByFingerprint(project, fingerprint);
          if (nth === 1) await stored;
          return found;
        },
        async create(project, run) {
          const created = await stores.validations.create(project, run);
          setImmediate(firstStored);
          return created;
        },
      },
      runner: createInProcessRunner(),
    });
    const second = slowSecondRead.validate(DEMO);
    await until(() => reads === 1);
    const first = await slowSecondRead.validate(DEMO);
    expect((await second).id).toBe(first.id);
    expect((await service.list(DEMO, { limit: 10 })).items).toHaveLength(1);
  });

  it('validates a change: the project as it is, stored, and with the marked issues done, not stored', async () => {
    const { before, after } = await service.validateChange(DEMO, ['obmalloc-per-interpreter', 'freelists']);
    expect(after.issues.find((i) => i.key === 'freelists')).toMatchObject({
      status: 'done',
      verdict: 'failing',
      regression: true,
    });
    expect(before.issues.find((i) => i.key === 'freelists')!.status).toBe('open');
    expect((await service.list(DEMO, { limit: 10 })).items.map((s) => s.id)).toEqual([before.id]);
  });

  it('names each unknown key of a change once, at its first position, before anything runs', async () => {
    const error = await service
      .validateChange(DEMO, ['nope', 'freelists', 'zilch', 'nope'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors).toEqual([
      { path: 'done[0]', message: "unknown issue 'nope'" },
      { path: 'done[2]', message: "unknown issue 'zilch'" },
    ]);
    expect((error as InvalidInputError).extensions.unknownKeys).toEqual(['nope', 'zilch']);
    expect((await service.list(DEMO, { limit: 10 })).items).toEqual([]);
  });

  it('reads the project once for a change', async () => {
    let reads = 0;
    const counting = createValidationService({
      issues: {
        listAll: (slug) => {
          reads++;
          return stores.issues.listAll(slug);
        },
      },
      projects: stores.projects,
      validations: stores.validations,
      runner: createInProcessRunner(),
    });
    await counting.validateChange(DEMO, ['freelist-tuple']);
    expect(reads).toBe(1);
  });
});
