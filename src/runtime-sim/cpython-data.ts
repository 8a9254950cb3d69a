// CPython's reference data, loaded as data (not transcribed into code): c-analyzer's
// `Tools/c-analyzer/cpython/globals-to-fix.tsv`, the import scans of every stdlib extension module in
// an isolated subinterpreter (3.12.1, 3.13.0) and how each of those modules is defined in each version
// (scripts/probe-cpython/extension_defs.py) and the strings each allocates statically
// (scripts/probe-cpython/static_strings.py). The files live in `data/cpython/` at the package root
// (see data/cpython/README-cpython.md).
//
// NON-CPYTHON: this module is the only file access of src/runtime-sim: read-only package data, read
// once at module load, so the simulator itself stays pure.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GLOBALS_TO_FIX_FILE = 'cpython-globals-to-fix.tsv';
export const GLOBALS_TO_FIX_MAIN_2025_FILE = 'cpython-globals-to-fix.main-2025-05.derived.tsv';
export const IMPORT_SCAN_312_FILE = 'cpython-3.12.1-isolated-subinterp-import-scan.json';
export const IMPORT_SCAN_313_FILE = 'cpython-3.13.0-isolated-subinterp-import-scan.json';
export const EXTENSION_MODULES_312_FILE = 'cpython-3.12.1-extension-modules.json';
export const EXTENSION_MODULES_313_FILE = 'cpython-3.13.0-extension-modules.json';
export const STATIC_STRINGS_312_FILE = 'cpython-3.12.1-static-strings.json';
export const STATIC_STRINGS_313_FILE = 'cpython-3.13.0-static-strings.json';
export const PRINTABLE_312_FILE = 'cpython-3.12.1-printable.json';
export const PRINTABLE_313_FILE = 'cpython-3.13.0-printable.json';

/** Finds `data/cpython` walking up from this file (works from src/ under tsx/vitest and from dist/). */
function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'data', 'cpython');
    if (existsSync(join(candidate, GLOBALS_TO_FIX_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('data/cpython not found above src/runtime-sim (the package data is missing)');
}

export interface GlobalToFix {
  filename: string;
  funcname: string;
  name: string;
  /** `## section` / `## subsection` / `## sub-subsection` headings that precede the row, joined by ' / '. */
  group: string;
  /** The top `##` section, e.g. "global objects to fix in core code". */
  section: string;
}

/**
 * Parses c-analyzer's TSV: a header row, `#` comment rows, groups marked by `##` lines. A row of
 * `####...` starts a section, `##-----` a subsection, other `## text` lines name the current group.
 */
export function parseGlobalsToFix(text: string): GlobalToFix[] {
  const rows: GlobalToFix[] = [];
  let section = '';
  let subsection = '';
  let detail = '';
  let expect: 'section' | 'subsection' | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '') continue;
    if (line.startsWith('##')) {
      const heading = line.replace(/^#+\s*/, '');
      if (/^#+$/.test(line)) expect = 'section';
      else if (/^##-+$/.test(line)) expect = 'subsection';
      else if (expect === 'section') {
        section = heading;
        subsection = '';
        detail = '';
        expect = null;
      } else if (expect === 'subsection') {
        subsection = heading;
        detail = '';
        expect = null;
      } else detail = heading;
      continue;
    }
    if (line.startsWith('#')) continue;
    const [filename, funcname, name] = line.split('\t');
    if (filename === 'filename' || !filename || !funcname || !name) continue;
    rows.push({
      filename,
      funcname,
      name,
      section,
      group: [section, subsection, detail].filter((part) => part !== '').join(' / '),
    });
  }
  return rows;
}

/** `{ "<module>" or "BUILTIN:<module>": "ok" | "<ExceptionType>: <message>" }`. */
export type ImportScan = Record<string, string>;

function readText(file: string): string {
  return readFileSync(join(dataDir(), file), 'utf8');
}

export const globalsToFix: readonly GlobalToFix[] = parseGlobalsToFix(readText(GLOBALS_TO_FIX_FILE));
export const globalsToFixMain2025: readonly GlobalToFix[] = parseGlobalsToFix(
  readText(GLOBALS_TO_FIX_MAIN_2025_FILE),
);
export const importScan312: Readonly<ImportScan> = JSON.parse(readText(IMPORT_SCAN_312_FILE));
export const importScan313: Readonly<ImportScan> = JSON.parse(readText(IMPORT_SCAN_313_FILE));

/** A stdlib extension module as the import machinery of one CPython version sees it (measured). */
export interface MeasuredExtensionModule {
  builtin: boolean;
  /** `core`: created by the runtime itself in every interpreter (`sys`, `builtins`, `_warnings`, `marshal`). */
  init: 'single-phase' | 'multi-phase' | 'core';
  /** Multi-phase only: its `Py_mod_multiple_interpreters` slot(s); null when it has none. */
  multipleInterpreters?: string | string[] | null;
  /** Extension modules whose failed import makes this one fail, with `failure` ("Type: message"). */
  requires?: string[];
  failure?: string;
}

function readExtensionModules(file: string): Readonly<Record<string, MeasuredExtensionModule>> {
  return (JSON.parse(readText(file)) as { modules: Record<string, MeasuredExtensionModule> }).modules;
}

export const extensionModules312 = readExtensionModules(EXTENSION_MODULES_312_FILE);
export const extensionModules313 = readExtensionModules(EXTENSION_MODULES_313_FILE);

/** The strings a CPython version allocates statically (`_Py_ID`, `_Py_STR`; scripts/probe-cpython/static_strings.py). */
function readStaticStrings(file: string): readonly string[] {
  return (JSON.parse(readText(file)) as { strings: string[] }).strings;
}

export const staticStrings312 = readStaticStrings(STATIC_STRINGS_312_FILE);
export const staticStrings313 = readStaticStrings(STATIC_STRINGS_313_FILE);

/**
 * The code points a CPython version prints as they are in a str's repr (Py_UNICODE_ISPRINTABLE, from its
 * own Unicode tables), as sorted [first, last] ranges (scripts/probe-cpython/printable.py).
 */
function readPrintable(file: string): readonly (readonly [number, number])[] {
  return (JSON.parse(readText(file)) as { ranges: [number, number][] }).ranges;
}

export const printable312 = readPrintable(PRINTABLE_312_FILE);
export const printable313 = readPrintable(PRINTABLE_313_FILE);
