import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { capturedIo } from '../cli-harness.js';

// Its own working directory: the CLI's default database (./data/isoplan.db) must not be a shared one.
const dir = mkdtempSync(join(tmpdir(), 'isoplan-sim-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('isoplan sim catalog', () => {
  it('sim catalog lists the free lists with their 3.8 and 3.12 placements', async () => {
    const t = capturedIo(dir);
    expect(await main(['sim', 'catalog', '--kind', 'free-list'], t)).toBe(0);
    expect(t.out()).toMatch(/^freelist\.tuple\s+shared\s+-> per-interpreter\s+free-list$/m);
  });

  it('fits every line to an 80-column terminal: an id too long for its row on a line of its own, its placements under it', async () => {
    const t = capturedIo(dir);
    t.stdout.isTTY = true;
    t.stdout.columns = 80;
    expect(await main(['sim', 'catalog', '--no-color'], t)).toBe(0);
    const lines = t.out().split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    expect(lines[0]).toMatch(/^component +3\.8 +3\.12\+ +kind$/);
    expect(lines.find((line) => line.startsWith('freelist.tuple '))).toMatch(
      /^freelist\.tuple +shared +-> per-interpreter +free-list$/,
    );
    const long = lines.findIndex((line) => line === 'global:Objects/boolobject.c:PyBool_Type');
    expect(lines[long + 1]).toMatch(/^ +shared +-> immortal +c-global$/);
  });

  it('refuses a kind the catalog does not have with exit 2, listing the kinds', async () => {
    const t = capturedIo(dir);
    expect(await main(['sim', 'catalog', '--kind', 'nonsense'], t)).toBe(2);
    expect(t.err()).toContain("no component of kind 'nonsense'; kinds: ");
    expect(t.err()).toContain('free-list');
  });

  it('prints the document GET /v1/sim/catalog answers with --format json', async () => {
    const t = capturedIo(dir);
    expect(await main(['sim', 'catalog', '--format', 'json'], t)).toBe(0);
    const catalog = JSON.parse(t.out()) as { placements: string[]; components: Array<{ id: string }> };
    expect(catalog.placements).toContain('per-interpreter');
    expect(catalog.components.map((c) => c.id)).toContain('freelist.tuple');
  });
});
