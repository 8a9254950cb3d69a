// Two ways to run the CLI in a test: `runIsoplan` spawns bin/isoplan as users and CI run it; `capturedIo`
// runs `main` in this process with its output captured.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliIo } from '../../src/cli/command.js';

export const BIN = resolve(import.meta.dirname, '../../bin/isoplan');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `isoplan ...args` in `cwd`, with `env` over this process's environment, the demo off and logging silent.
 * GITHUB_SHA is emptied so that a run under GitHub Actions behaves like one anywhere else.
 */
export function runIsoplan(cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: { ...process.env, ISOPLAN_DEMO: '0', LOG_LEVEL: 'silent', GITHUB_SHA: '', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A CliIo whose output is kept for the test to read. */
export function capturedIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}
