// The command table: a new command is one file plus one line here.
import { ciCheckCommand } from './ci-check.js';
import type { Command } from './command.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { planCommand } from './plan.js';
import { serveCommand } from './serve.js';
import { simCatalogCommand, simRunCommand } from './sim.js';

export const commands: readonly Command[] = [
  serveCommand,
  importCommand,
  exportCommand,
  planCommand,
  ciCheckCommand,
  simRunCommand,
  simCatalogCommand,
];
