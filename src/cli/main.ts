// The `isoplan` command line: builds the program (src/cli/program.ts) from the command table, runs it, and
// answers the exit code: the action's, or commander's for help, --version and usage errors (see EXIT).
import type { CliIo, CommandFactory } from './command.js';
import { commands as defaultCommands } from './commands.js';
import { buildProgram, CommanderError, exitCodeOf, type RunState } from './program.js';

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  commands: readonly CommandFactory[] = defaultCommands,
): Promise<number> {
  const state: RunState = { code: 0 };
  const program = buildProgram(io, commands, state);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeOf(error);
    throw error;
  }
}
