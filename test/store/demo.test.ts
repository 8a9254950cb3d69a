import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProjectDocument } from '../../src/domain/project-document.js';
import { openDatabase } from '../../src/store/database.js';
import { DEMO_FILE, loadDemoIfEmpty } from '../../src/store/demo.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

const demo = parseProjectDocument(JSON.parse(readFileSync(DEMO_FILE, 'utf8')));

describe('the demo project', () => {
  it('is loaded into an empty database once, and not again on the next start', async () => {
    temp = await createTempDatabase();
    expect(await loadDemoIfEmpty(temp.db)).toBe(true);
    expect(await loadDemoIfEmpty(temp.db)).toBe(false);
    const issues = await temp.db.stores.issues.listAll('per-interpreter-gil');
    expect(issues).toHaveLength(demo.issues.length);
    const history = await temp.db.stores.audit.list('per-interpreter-gil', { limit: 10 });
    expect(history.items.map((e) => [e.action, e.actor])).toEqual([['project.import', 'isoplan:demo']]);
  });

  it('is loaded once by two replicas starting together on an empty database', async () => {
    temp = await createTempDatabase();
    const other = await openDatabase({ url: temp.url, migrate: false });
    try {
      const loaded = await Promise.all([loadDemoIfEmpty(temp.db), loadDemoIfEmpty(other)]);
      expect(loaded.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.close();
    }
    const history = await temp.db.stores.audit.list('per-interpreter-gil', { limit: 10 });
    expect(history.items.map((e) => [e.action, e.actor])).toEqual([['project.import', 'isoplan:demo']]);
    expect((await temp.db.stores.projects.get('per-interpreter-gil')).revision).toBe(1);
  });

  it('is not loaded into a database that already holds another project', async () => {
    temp = await createTempDatabase();
    await temp.db.stores.projects.create({ slug: 'mine', name: 'Mine' }, { actor: 't' });
    expect(await loadDemoIfEmpty(temp.db.stores)).toBe(false);
    expect((await temp.db.stores.projects.list({ limit: 10 })).items.map((p) => p.slug)).toEqual(['mine']);
  });

  it('is found from the repository, whatever the working directory', async () => {
    const cwd = process.cwd();
    temp = await createTempDatabase();
    try {
      process.chdir(temp.dir);
      expect(await loadDemoIfEmpty(temp.db)).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('has one issue per TODO of bpo-40512, with the 3.9 work done and the goal last', () => {
    expect(demo.project.slug).toBe('per-interpreter-gil');
    expect(demo.issues.length).toBeGreaterThanOrEqual(30);
    expect(demo.issues.length).toBeLessThanOrEqual(40);
    const byKey = new Map(demo.issues.map((i) => [i.key, i]));
    for (const done of ['bpo-36854', 'bpo-36737', 'bpo-38858', 'bpo-36876', 'bpo-39984']) {
      expect(byKey.get(done)).toMatchObject({ status: 'done', labels: expect.arrayContaining(['3.9']) });
    }
    expect(byKey.get('bpo-39511')?.status).toBe('wont_do');
    for (const list of ['tuple', 'list', 'dict', 'float', 'frame']) {
      expect(byKey.get(`freelist-${list}`)).toMatchObject({ parent: 'freelists' });
    }
    expect(demo.issues.at(-1)).toMatchObject({ key: 'bpo-40512', title: 'One GIL per interpreter' });
  });

  it('has the goal blocked, directly or not, by every issue that is not abandoned', () => {
    const blockers = new Map<string, string[]>();
    for (const e of demo.dependencies) blockers.set(e.issue, [...(blockers.get(e.issue) ?? []), e.blockedBy]);
    const upstream = new Set<string>();
    const stack = ['bpo-40512'];
    while (stack.length > 0) {
      for (const b of blockers.get(stack.pop()!) ?? []) {
        if (!upstream.has(b)) {
          upstream.add(b);
          stack.push(b);
        }
      }
    }
    const expected = demo.issues
      .filter((i) => i.key !== 'bpo-40512' && i.status !== 'wont_do')
      .map((i) => i.key);
    expect([...upstream].sort()).toEqual(expected.sort());
  });
});
