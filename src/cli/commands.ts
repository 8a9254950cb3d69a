// The command table: `isoplan --help` lists the commands in this order. A new command is one file in
// src/cli/commands/ exporting a CommandFactory, plus one line here (inside its group, for a subcommand).
import { Command } from '@commander-js/extra-typings';
import type { CommandFactory } from './command.js';
import { blockedCommand } from './commands/blocked.js';
import { checkCommand } from './commands/check.js';
import { completionCommand } from './commands/completion.js';
import { depAddCommand } from './commands/dep-add.js';
import { depRmCommand } from './commands/dep-rm.js';
import { doneCommand } from './commands/done.js';
import { exportCommand } from './commands/export.js';
import { forecastCommand } from './commands/forecast.js';
import { githubImportCommand } from './commands/github-import.js';
import { graphCommand } from './commands/graph.js';
import { importCommand } from './commands/import.js';
import { issueCreateCommand } from './commands/issue-create.js';
import { issueEditCommand } from './commands/issue-edit.js';
import { nextCommand } from './commands/next.js';
import { planCommand } from './commands/plan.js';
import { readyCommand } from './commands/ready.js';
import { reopenCommand } from './commands/reopen.js';
import { serveCommand } from './commands/serve.js';
import { showCommand } from './commands/show.js';
import { simCatalogCommand } from './commands/sim-catalog.js';
import { simRunCommand } from './commands/sim-run.js';
import { startCommand } from './commands/start.js';
import { tokenCreateCommand } from './commands/token-create.js';
import { tokenListCommand } from './commands/token-list.js';
import { tokenRevokeCommand } from './commands/token-revoke.js';
import { treeCommand } from './commands/tree.js';
import { workerCommand } from './commands/worker.js';

/** A command that only groups others: `isoplan sim run`, `isoplan dep add`. */
export function group(name: string, summary: string, members: readonly CommandFactory[]): CommandFactory {
  return (cli) => {
    const command = new Command(name).summary(summary);
    for (const member of members) command.addCommand(member(cli));
    return command;
  };
}

export const commands: readonly CommandFactory[] = [
  readyCommand,
  nextCommand,
  blockedCommand,
  showCommand,
  startCommand,
  doneCommand,
  reopenCommand,
  group('issue', 'create, edit and show issues', [issueCreateCommand, issueEditCommand, showCommand]),
  group('dep', 'add and remove dependencies (blocked-by edges)', [depAddCommand, depRmCommand]),
  treeCommand,
  graphCommand,
  planCommand,
  forecastCommand,
  checkCommand,
  importCommand,
  exportCommand,
  group('github', 'keep a project in sync with a meta issue on GitHub', [githubImportCommand]),
  group('sim', 'run the per-interpreter runtime simulator', [simRunCommand, simCatalogCommand]),
  serveCommand,
  workerCommand,
  group('token', 'create, list and revoke API tokens (on the database file)', [
    tokenCreateCommand,
    tokenListCommand,
    tokenRevokeCommand,
  ]),
  completionCommand,
];
