import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import { forecastTrailEvent } from '../../src/domain/forecast/forecast-trail.js';
import { createAuditTrailCache } from '../../src/services/audit-trail-cache.js';
import type { AuditStore } from '../../src/store/types.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

// The forecast's trails kept between revisions, on the real store (SQLite file, or PostgreSQL in that
// half of the suite). The store is wrapped only to record where each read started.

const by = { actor: 'test' };
let t: TempDatabase;

beforeAll(async () => {
  t = await createTempDatabase();
});
afterAll(() => t.cleanup());

/** The real audit store, recording the `afterId` of every tail read. */
function recordedAudit() {
  const reads: number[] = [];
  const audit: Pick<AuditStore, 'listAfter'> = {
    listAfter(project, afterId) {
      reads.push(afterId);
      return t.db.stores.audit.listAfter(project, afterId);
    },
  };
  return { audit, reads };
}

async function project(slug: string, issues = 3): Promise<void> {
  await t.db.stores.projects.create({ slug, name: slug }, by);
  for (let i = 0; i < issues; i++)
    await t.db.stores.issues.create(slug, { key: `k${i}`, title: `issue ${i}`, body: 'long prose' }, by);
}

/** The whole trail read afresh, as the cache keeps it. */
async function whole(slug: string) {
  return (await t.db.stores.audit.listAll(slug)).map(forecastTrailEvent);
}

describe('the audit trails the forecast keeps', () => {
  it('are the whole trail read afresh after every write, without what no forecast reads', async () => {
    await project('fresh');
    const trails = createAuditTrailCache(t.db.stores.audit);
    expect(await trails.events('fresh')).toEqual(await whole('fresh'));
    for (const status of ['in_progress', 'done', 'open'] as const) {
      await t.db.stores.issues.update('fresh', 'k1', { status }, by);
      await t.db.stores.dependencies
        .add('fresh', { issue: 'k2', blockedBy: 'k0' }, by)
        .catch(() => undefined);
      expect(await trails.events('fresh')).toEqual(await whole('fresh'));
    }
    const events = await trails.events('fresh');
    expect(events.some((e) => e.action === 'issue.update')).toBe(true);
    for (const e of events) expect(JSON.stringify([e.before, e.after])).not.toContain('long prose');
  });

  it('are read whole once, then only from after the newest event kept', async () => {
    await project('tail');
    const { audit, reads } = recordedAudit();
    const trails = createAuditTrailCache(audit);
    const first = await trails.events('tail');
    await t.db.stores.issues.update('tail', 'k0', { status: 'done' }, by);
    const second = await trails.events('tail');
    expect(reads).toEqual([0, first.at(-1)!.id]);
    expect(second.slice(0, first.length)).toEqual(first);
    expect(second.at(-1)?.action).toBe('issue.update');
  });

  it('are read whole again when an event below the newest kept went missing', async () => {
    await project('cut');
    const { audit, reads } = recordedAudit();
    const trails = createAuditTrailCache(audit);
    const kept = await trails.events('cut');
    await t.db.prisma.auditEvent.delete({ where: { id: kept[1]!.id } });
    await t.db.stores.issues.update('cut', 'k0', { status: 'done' }, by);
    expect(await trails.events('cut')).toEqual(await whole('cut'));
    expect(reads).toEqual([0, kept.at(-1)!.id, 0]);
  });

  it('of a project deleted and created again under its slug are the new project’s alone', async () => {
    await project('again');
    const trails = createAuditTrailCache(t.db.stores.audit);
    await trails.events('again');
    await t.db.stores.projects.remove('again', by);
    await project('again', 1);
    const events = await trails.events('again');
    expect(events).toEqual(await whole('again'));
    expect(events[0]?.action).toBe('project.create');
  });

  it('are shared by callers who ask at once, with one read', async () => {
    await project('burst');
    const { audit, reads } = recordedAudit();
    const trails = createAuditTrailCache(audit);
    const answers = await Promise.all([
      trails.events('burst'),
      trails.events('burst'),
      trails.events('burst'),
    ]);
    expect(reads).toEqual([0]);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it('are read again for a caller who asks while a read runs, after it asked', async () => {
    await project('late');
    const { audit, reads } = recordedAudit();
    const trails = createAuditTrailCache(audit);
    const running = trails.events('late');
    // Written while the first read may still run: the second caller asked after the write.
    await t.db.stores.issues.update('late', 'k0', { status: 'done' }, by);
    const after = await trails.events('late');
    await running;
    expect(reads).toHaveLength(2);
    expect(after).toEqual(await whole('late'));
  });

  it('stay within their bound, the least recently read going first', async () => {
    await project('first', 1);
    await project('second', 1);
    const { audit, reads } = recordedAudit();
    const firstLength = (await t.db.stores.audit.listAll('first')).length;
    const trails = createAuditTrailCache(audit, firstLength + 1);
    await trails.events('first');
    await trails.events('second'); // both do not fit: 'first' goes
    await trails.events('second');
    await trails.events('first');
    expect(reads.map((id) => id === 0)).toEqual([true, true, false, true]);
  });

  it('are not kept for a project that does not exist, and say so', async () => {
    const trails = createAuditTrailCache(t.db.stores.audit);
    await expect(trails.events('nowhere')).rejects.toBeInstanceOf(NotFoundError);
    await project('nowhere', 0);
    expect(await trails.events('nowhere')).toEqual(await whole('nowhere'));
  });
});
