// One rule for a query parameter given twice, on every operation (api/schemas/query-once.ts): a parameter
// that takes one value answers a 400 naming it and saying so; a list parameter (?status=, ?holidays=)
// takes every value. Read from the OpenAPI document, so that a parameter added later is held to it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.js';

type Parameter = {
  in: string;
  name: string;
  schema?: { type?: string; enum?: string[]; anyOf?: Array<{ type?: string }> };
};
type Operation = { operationId: string; parameters?: Parameter[] };

/** The admin token: every operation is reached, token management's too. */
const TOKEN = 'a-token-of-sixteen-chars-or-more';
let t: TestApp;
let operations: Array<{ method: string; path: string; operation: Operation }>;
beforeAll(async () => {
  t = await createTestApp({ apiToken: TOKEN });
  const document = (await t.app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
});
afterAll(() => t.close());

/** A list parameter's schema takes an array (listQueryOf: one value or many). */
function isList(parameter: Parameter): boolean {
  const { schema } = parameter;
  return schema?.type === 'array' || (schema?.anyOf ?? []).some((s) => s.type === 'array');
}

describe('a query parameter given twice', () => {
  it('is a 400 naming it on every operation whose parameter takes one value', async () => {
    const checked: string[] = [];
    for (const { method, path, operation } of operations) {
      // Path parameters valid (their first value when they have a list of them), so that only the query fails.
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const values = operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema?.enum;
        return values?.[0] ?? 'x';
      });
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query' || isList(parameter)) continue;
        const res = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: `${url}?${parameter.name}=1&${parameter.name}=1`,
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const where = `${operation.operationId} ?${parameter.name}`;
        expect(res.statusCode, `${where}: ${res.body}`).toBe(400);
        expect(res.json().errors, where).toContainEqual({
          path: `querystring.${parameter.name}`,
          message: 'is given 2 times: give it once',
        });
        checked.push(where);
      }
    }
    // The operations with one-value parameters are there to check: paging, filters, forecast, badges.
    expect(checked.length).toBeGreaterThan(15);
  });

  it('takes every value of a list parameter', async () => {
    const lists = operations.flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.in === 'query' && isList(p)).map((p) => p.name),
    );
    expect(new Set(lists)).toEqual(new Set(['status', 'include', 'holidays']));
  });
});
