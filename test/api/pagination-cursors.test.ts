// A list's cursor is good for that list only (src/store/cursor.ts): another project's, or the same
// project's under other filters, is a 400 naming `querystring.cursor`, not a page of this list that starts
// somewhere in the middle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/store/cursor.js';
import { createTestApp, givenIssue, givenProject, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const slug of ['left', 'right']) {
    await givenProject(t.stores, { slug });
    for (const key of ['a', 'b', 'c', 'd']) {
      await givenIssue(t.stores, slug, {
        key,
        title: key.toUpperCase(),
        status: key === 'd' ? 'done' : 'open',
      });
    }
    // Two validation runs (a change between them: an unchanged project's run is reused), and two
    // events of issue `a` in the history.
    for (const change of [{ title: 'A again' }, { status: 'in_progress' }]) {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/v1/projects/${slug}/issues/a`,
        payload: change,
      });
      expect(patch.statusCode, patch.body).toBe(200);
      const run = await t.app.inject({ method: 'POST', url: `/v1/projects/${slug}/validations` });
      expect(run.statusCode, run.body).toBeLessThan(300);
    }
  }
});
afterAll(() => t.close());

async function nextCursorOf(url: string): Promise<string> {
  const res = await t.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  const { nextCursor } = res.json() as { nextCursor: string | null };
  expect(nextCursor, url).not.toBeNull();
  return nextCursor as string;
}

async function expectRefused(url: string): Promise<void> {
  const res = await t.app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
  expect(res.json().errors).toEqual([
    { path: 'querystring.cursor', message: expect.stringMatching(/^invalid cursor: pass back a nextCursor/) },
  ]);
}

describe("a list's cursor", () => {
  it.each(['issues', 'history', 'validations'])(
    'of one project is refused by the %s of another',
    async (list) => {
      const cursor = await nextCursorOf(`/v1/projects/left/${list}?limit=1`);
      await expectRefused(`/v1/projects/right/${list}?limit=1&cursor=${cursor}`);
      // It still reads on in its own list.
      expect(
        (await t.app.inject({ url: `/v1/projects/left/${list}?limit=1&cursor=${cursor}` })).statusCode,
      ).toBe(200);
    },
  );

  it('of issues under some filters is refused under others', async () => {
    const cursor = await nextCursorOf('/v1/projects/left/issues?limit=1&status=open');
    await expectRefused(`/v1/projects/left/issues?limit=1&cursor=${cursor}`);
    await expectRefused(`/v1/projects/left/issues?limit=1&status=done&cursor=${cursor}`);
    await expectRefused(`/v1/projects/left/issues?limit=1&status=open&parent=&cursor=${cursor}`);
  });

  it('of issues reads on under the same filters, however they are spelled', async () => {
    const cursor = await nextCursorOf('/v1/projects/left/issues?limit=1&status=open,in_progress');
    const res = await t.app.inject({
      url: `/v1/projects/left/issues?limit=1&status=in_progress&status=open&cursor=${cursor}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { key: string }) => i.key)).toEqual(['b']);
  });

  it("of one issue's history is refused by the project's whole history", async () => {
    const cursor = await nextCursorOf('/v1/projects/left/history?limit=1&issue=a');
    await expectRefused(`/v1/projects/left/history?limit=1&cursor=${cursor}`);
  });
});

/**
 * A cursor as lists handed them out before their cursors named the list (84350db): `[kind, key]`. A page
 * open across that upgrade (a dashboard's "Show older events") still holds one.
 */
function unnamedCursor(kind: string, key: number): string {
  return Buffer.from(JSON.stringify([kind, key]), 'utf8').toString('base64url');
}

/** The ids of a list's items, newest first. */
async function idsOf(url: string): Promise<number[]> {
  const res = await t.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: number | string }[] }).items.map((i) => Number(i.id));
}

describe('a cursor handed out before cursors named their list', () => {
  it.each([
    ['history', '/v1/projects/left/history?issue=a'],
    ['history', '/v1/projects/left/history'],
    ['validations', '/v1/projects/left/validations'],
  ])('of %s reads on in its own list (%s)', async (kind, list) => {
    const ids = await idsOf(`${list}${list.includes('?') ? '&' : '?'}limit=10`);
    expect(ids.length).toBeGreaterThan(1);
    const next = await idsOf(
      `${list}${list.includes('?') ? '&' : '?'}limit=10&cursor=${unnamedCursor(kind, ids[0]!)}`,
    );
    expect(next).toEqual(ids.slice(1));
  });

  it.each(['history', 'validations'])(
    'of %s is refused by another project, whose items it does not name',
    async (kind) => {
      const [id] = await idsOf(`/v1/projects/left/${kind}?limit=1`);
      await expectRefused(`/v1/projects/right/${kind}?limit=1&cursor=${unnamedCursor(kind, id!)}`);
    },
  );

  it("of a project's history is refused by an issue's history that does not hold its event", async () => {
    const [id] = await idsOf('/v1/projects/left/history?limit=1&issue=a');
    // Issue b has no event of issue a's in its history.
    await expectRefused(`/v1/projects/left/history?limit=1&issue=b&cursor=${unnamedCursor('history', id!)}`);
  });

  it('of issues is refused: an issue key is no position in one list rather than another', async () => {
    await expectRefused(
      `/v1/projects/left/issues?limit=1&cursor=${Buffer.from(JSON.stringify(['issues', 'a'])).toString('base64url')}`,
    );
  });
});

describe('a cursor naming an id no row can have', () => {
  // Ids are 32-bit integers (PostgreSQL's integer): PostgreSQL refused to compare with 2^40, a 500.
  const beyond = 2 ** 40;

  it.each([
    ['history', '/v1/projects/left/history', { project: 'left', issue: null }],
    ['history', '/v1/projects/left/history?issue=a', { project: 'left', issue: 'a' }],
    ['validations', '/v1/projects/left/validations', { project: 'left' }],
  ] as const)('of %s is refused, in either form (%s)', async (kind, list, selection) => {
    const sep = list.includes('?') ? '&' : '?';
    await expectRefused(`${list}${sep}cursor=${encodeCursor(kind, beyond, selection)}`);
    await expectRefused(`${list}${sep}cursor=${unnamedCursor(kind, beyond)}`);
  });

  it('in the path of a validation run is a 404, as any id no run has', async () => {
    const res = await t.app.inject({ url: `/v1/projects/left/validations/${beyond}` });
    expect(res.statusCode, res.body).toBe(404);
  });
});
