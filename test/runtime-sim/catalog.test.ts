import { describe, expect, it } from 'vitest';
import { getCatalog, getComponent, PLACEMENTS } from '../../src/runtime-sim/index.js';

const REQUIRED = [
  'freelist.tuple',
  'freelist.list',
  'freelist.dict',
  'freelist.float',
  'freelist.frame',
  'singleton.None',
  'singleton.True',
  'singleton.False',
  'singleton.Ellipsis',
  'singleton.NotImplemented',
  'singleton.empty_tuple',
  'singleton.empty_bytes',
  'singleton.empty_str',
  'small_ints',
  'unicode.latin1',
  'bytes.characters',
  'unicode.interned',
  'obmalloc',
  'ceval.signals_pending',
  'ceval.gil_drop_request',
  'ceval.pending_calls',
  'gc',
  'warnings',
  'import',
  'ext:_decimal',
];

describe('catalog', () => {
  it('contains every component the issue names', () => {
    const ids = new Set(getCatalog().components.map((c) => c.id));
    for (const id of REQUIRED) expect(ids, id).toContain(id);
  });

  it('has unique ids', () => {
    const ids = getCatalog().components.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("loads all 382 rows of CPython's globals-to-fix.tsv, grouped by its ## sections", () => {
    const globals = getCatalog().components.filter((c) => c.kind === 'c-global');
    expect(globals).toHaveLength(382);
    const count = (prefix: string) =>
      globals.filter((c) => c.group?.startsWith(`globals-to-fix: ${prefix}`)).length;
    expect(count('global objects to fix in core code')).toBe(273);
    expect(count('global objects to fix in builtin modules')).toBe(10);
    expect(count('global objects to fix in extension modules')).toBe(67);
    expect(count('global non-objects to fix in extension modules')).toBe(32);
    expect(count('global objects to fix in core code / builtin exception types')).toBe(138);
    expect(getComponent('global:Objects/object.c:_Py_NoneStruct')?.placement312).toBe('immortal');
    expect(getComponent('global:Modules/_datetimemodule.c:_datetime_global_state')?.placement312).toBe(
      'shared',
    );
  });

  it('turns the import scans into ext components whose 3.12+ placement follows the latest measured status', () => {
    const decimal = getComponent('ext:_decimal')!;
    expect(decimal.importStatus312).toBe(
      'ImportError: module _decimal does not support loading in subinterpreters',
    );
    expect(decimal.importStatus313).toBe('ok');
    expect(decimal.placement38).toBe('shared');
    expect(decimal.placement312).toBe('per-interpreter');
    expect(getComponent('ext:readline')?.placement312).toBe('shared');
    expect(getComponent('ext:faulthandler')?.builtin).toBe(true);
    expect(getComponent('ext:_interpreters')?.importStatus313).toBe('ok');
  });

  it('gives every component a description, a source and placements it allows', () => {
    for (const c of getCatalog().components) {
      expect(c.description.length, c.id).toBeGreaterThan(0);
      expect(c.source.length, c.id).toBeGreaterThan(0);
      expect(c.placements, c.id).toContain(c.placement38);
      expect(c.placements, c.id).toContain(c.placement312);
      for (const p of c.placements) expect(PLACEMENTS).toContain(p);
    }
  });

  it('lists each id in exactly one group', () => {
    const { components, groups } = getCatalog();
    expect(groups.flatMap((g) => g.ids).sort()).toEqual(components.map((c) => c.id).sort());
  });
});
