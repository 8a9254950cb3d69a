// src/contract/openapi.d.ts is generated from the API's OpenAPI document and committed, so that the
// dashboard and clients type-check against the API as it is. A route or schema change that is not
// regenerated fails here.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, REGENERATE_COMMAND, renderApiTypes } from '../../scripts/generate-api-types.js';

describe('the committed API types', () => {
  it('match the OpenAPI document the app generates now', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    const current = await renderApiTypes();
    expect(
      committed === current,
      `src/contract/openapi.d.ts is stale: run \`${REGENERATE_COMMAND}\` and commit the file`,
    ).toBe(true);
  });

  it('name the types the dashboard reads', async () => {
    const text = await readFile(API_TYPES_FILE, 'utf8');
    for (const name of ['Issue', 'Project', 'Plan', 'AuditEvent', 'ValidationRun', 'ProgressSummary']) {
      expect(text).toMatch(new RegExp(`^    ${name}: \\{`, 'm'));
    }
  });
});
