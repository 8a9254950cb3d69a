// `isoplan sim run FILE...`: run simulator scenarios, as POST /v1/sim/run does, and report each file's
// isolation violations, then a summary line. Exit 0 when every scenario is clean, 1 when one finds
// violations (or lost updates) or could not be run (a service busy, over a limit or refusing the token:
// EXIT's rule, src/cli/errors.ts), 2 when one cannot be read or is not a valid scenario.
import { relative, resolve } from 'node:path';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { DomainError, InvalidInputError } from '../../domain/errors.js';
import type { SimRunResponse } from '../backend/backend.js';
import { type CommandFactory, EXIT, formatOption, UsageError, wholeNumber } from '../command.js';
import { formatSimReportText, formatStressReportText } from '../output/sim-text.js';
import { readJsonFile } from './import.js';

function timeMs(text: string): number {
  const value = wholeNumber(text);
  if (value < 10 || value > 5000) {
    throw new InvalidArgumentError('must be an integer from 10 to 5000');
  }
  return value;
}

/** A file's report, or why it has none: its own fault (`invalid`: unreadable, not a scenario) or not. */
type Outcome =
  | { file: string; report: SimRunResponse }
  | { file: string; error: DomainError | UsageError; invalid: boolean; text: string };

const failed = (report: SimRunResponse) => !report.ok || (report.stress !== undefined && !report.stress.ok);

/** The outcome of a file that has no report, judged and worded as any command's error (errors.ts). */
async function errorOutcome(file: string, error: DomainError | UsageError): Promise<Outcome> {
  // Loaded as the program loads errors.ts: only when something went wrong.
  const { describeInvalidInput, exitCodeFor } = await import('../errors.js');
  const text =
    error instanceof InvalidInputError
      ? describeInvalidInput(error)
      : error instanceof DomainError
        ? error.detail
        : error.message;
  return { file, error, invalid: exitCodeFor(error) === EXIT.usage, text };
}

export const simRunCommand: CommandFactory = (cli) =>
  new Command('run')
    .summary('run simulator scenarios and report the isolation violations each finds')
    .description(
      'Each FILE is a scenario (see examples/scenarios/ and the README); a shell glob gives several. With ' +
        '--stress each scenario also runs truly in parallel on worker threads and counts the reference-count ' +
        'updates lost. Exit codes: 0 no violation, 1 violations (or lost updates) found or a file not run (the ' +
        'service busy or over a limit: try again), 2 a file that cannot be read or is not a valid scenario.',
    )
    .argument('<files...>', 'scenario files (JSON)')
    .option('--stress', 'also run stress mode (worker threads over a SharedArrayBuffer)')
    .option('--time-ms <ms>', 'stress mode time bound in milliseconds (10 to 5000, default 300)', timeMs)
    .addOption(formatOption(['text', 'json']))
    .action(
      cli.action(async (ctx, files, options) => {
        const simulator = await ctx.simulator();
        const outcomes: Outcome[] = [];
        for (const file of files) {
          const name = relative(ctx.io.cwd, resolve(ctx.io.cwd, file)) || file;
          const progress = ctx.progress(`${name}: simulating`);
          try {
            const scenario = await readJsonFile(resolve(ctx.io.cwd, file));
            const run = simulator.simRun(scenario, {
              stress: options.stress === true,
              timeMs: options.timeMs,
              onRun: (done, runs) => progress.update(done, runs),
            });
            outcomes.push({ file: name, report: await run });
          } catch (error) {
            // One bad file, or one the service refused (busy, over a limit), does not stop the others; a
            // service that does not answer does.
            if (!(error instanceof DomainError || error instanceof UsageError)) throw error;
            outcomes.push(await errorOutcome(name, error));
          } finally {
            progress.end();
          }
        }

        const many = files.length > 1;
        if (options.format === 'json') {
          if (!many && 'report' in outcomes[0]!) ctx.json(outcomes[0].report);
          else {
            ctx.json(
              outcomes.map((o) =>
                'report' in o
                  ? o
                  : { file: o.file, error: o.error.message, ...(o.error as DomainError).extensions },
              ),
            );
          }
        }
        for (const outcome of outcomes) {
          if ('error' in outcome) {
            ctx.io.stderr.write(`isoplan sim run: ${outcome.file}: ${outcome.text}\n`);
            continue;
          }
          if (options.format === 'json') continue;
          const { report } = outcome;
          if (many) ctx.print(ctx.style.bold(`== ${outcome.file}`));
          ctx.io.stdout.write(formatSimReportText(report, { style: ctx.style }));
          if (report.stress !== undefined)
            ctx.io.stdout.write(`\n${formatStressReportText(report.stress, { style: ctx.style })}`);
          if (many) ctx.print('');
        }

        const invalid = outcomes.filter((o) => 'error' in o && o.invalid).length;
        const notRun = outcomes.filter((o) => 'error' in o && !o.invalid).length;
        const failures = outcomes.filter((o) => 'report' in o && failed(o.report)).length;
        if (many && options.format === 'text') {
          const clean = outcomes.length - invalid - notRun - failures;
          const parts = [`${clean} clean`, `${failures} with violations`];
          if (invalid > 0) parts.push(`${invalid} invalid`);
          if (notRun > 0) parts.push(`${notRun} not run`);
          const line = `${outcomes.length} scenarios: ${parts.join(', ')}`;
          ctx.print(invalid + notRun + failures === 0 ? ctx.style.green(line) : ctx.style.red(line));
        }
        // The worst decides: a file to correct (2), then a failure (1): violations, or a run refused.
        if (invalid > 0) return EXIT.usage;
        return failures + notRun > 0 ? EXIT.failure : EXIT.ok;
      }),
    );
