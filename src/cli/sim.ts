// `isoplan sim run FILE [--stress] [--format text|json]` and `isoplan sim catalog`: the runtime
// simulator from the command line, the same code as POST /v1/sim/run and GET /v1/sim/catalog.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../domain/errors.js';
import { getCatalog, parseScenario, runScenario, runStress } from '../runtime-sim/index.js';
import { defineCommand, EXIT, UsageError } from './command.js';
import { assertNotTooDeep } from './json-depth.js';
import { formatSimReportText, formatStressReportText } from './sim-text.js';

const FORMATS = ['text', 'json'] as const;

function checkFormat(format: string): 'text' | 'json' {
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  }
  return format as 'text' | 'json';
}

/** Draws `[#####.....] 12/50 runs` on a terminal once a run has taken long enough to be worth it. */
export function progressBar(stream: { write(s: string): unknown; isTTY?: boolean }, delayMs = 300) {
  const started = Date.now();
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY || Date.now() - started < delayMs) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export const simRunCommand = defineCommand({
  name: 'sim run',
  summary: 'Run a simulator scenario and report the isolation violations it finds',
  usage: 'sim run FILE [--stress] [--time-ms N] [--format text|json]',
  details:
    'FILE is a scenario (see examples/scenarios/ and the README). With --stress the same scenario also\n' +
    'runs truly in parallel on worker threads and counts the reference-count updates lost.\n' +
    'Exit codes: 0 no violation, 1 violations (or lost updates) found, 2 bad arguments or scenario.',
  options: {
    stress: { type: 'boolean', default: false },
    'time-ms': { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
  },
  optionHelp: {
    stress: 'also run stress mode (worker threads over a SharedArrayBuffer)',
    'time-ms': 'stress mode time bound in milliseconds (10 to 5000, default 300)',
    format: 'text (default) or json',
  },
  positionals: ['FILE'],
  async run({ values, positionals }, io) {
    const format = checkFormat(values.format as string);
    const timeText = values['time-ms'] as string | undefined;
    const timeMs = timeText === undefined ? undefined : Number(timeText);
    if (timeMs !== undefined && !(Number.isInteger(timeMs) && timeMs >= 10 && timeMs <= 5000)) {
      throw new UsageError(`--time-ms must be an integer from 10 to 5000, not '${timeText}'`);
    }
    const file = resolve(io.cwd, positionals[0] as string);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined) throw new UsageError(`cannot read ${file}: ${code}`);
      throw new InvalidInputError(`${file} is not valid JSON`, [
        { path: '(scenario)', message: (error as Error).message },
      ]);
    }
    assertNotTooDeep(json, file);
    const parsed = parseScenario(json);
    if (!parsed.ok) {
      throw new InvalidInputError(`the scenario has ${parsed.problems.length} problem(s)`, parsed.problems);
    }
    const bar = progressBar(io.stderr as { write(s: string): unknown; isTTY?: boolean });
    const report = runScenario(parsed.scenario, { onRun: (done, runs) => bar.update(done, runs) });
    bar.clear();
    const stress = values.stress ? await runStress(parsed.scenario, { timeMs }) : undefined;
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(stress === undefined ? report : { ...report, stress }, null, 2)}\n`);
    } else {
      io.stdout.write(formatSimReportText(report));
      if (stress !== undefined) io.stdout.write(`\n${formatStressReportText(stress)}`);
    }
    const failed = !report.ok || (stress !== undefined && !stress.ok);
    return failed ? EXIT.failure : EXIT.ok;
  },
});

export const simCatalogCommand = defineCommand({
  name: 'sim catalog',
  summary: "List the simulator's runtime state components and their placements",
  usage: 'sim catalog [--format text|json] [--kind KIND]',
  details: 'The JSON format is the document GET /v1/sim/catalog answers.',
  options: {
    format: { type: 'string', short: 'f', default: 'text' },
    kind: { type: 'string' },
  },
  optionHelp: { format: 'text (default) or json', kind: 'only components of this kind, e.g. free-list' },
  async run({ values }, io) {
    const format = checkFormat(values.format as string);
    const catalog = getCatalog();
    const kind = values.kind as string | undefined;
    const components =
      kind === undefined ? catalog.components : catalog.components.filter((c) => c.kind === kind);
    if (kind !== undefined && components.length === 0) {
      const kinds = [...new Set(catalog.components.map((c) => c.kind))].join(', ');
      throw new UsageError(`no component of kind '${kind}'; kinds: ${kinds}`);
    }
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(kind === undefined ? catalog : { components }, null, 2)}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...components.map((c) => c.id.length));
    io.stdout.write(`${'component'.padEnd(width)}  ${'kind'.padEnd(16)}  3.8 -> 3.12+\n`);
    for (const c of components) {
      io.stdout.write(`${c.id.padEnd(width)}  ${c.kind.padEnd(16)}  ${c.placement38} -> ${c.placement312}\n`);
    }
    io.stdout.write(`${components.length} components\n`);
    return EXIT.ok;
  },
});
