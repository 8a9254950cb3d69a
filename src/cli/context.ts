// The CommandContext of one action: output decided once from the global options and the terminal, and the
// backend chosen by them: the running service of --server (or ISOPLAN_SERVER) with --token (or
// ISOPLAN_TOKEN) as its bearer token, else the database file of DATABASE_URL. Backends are loaded on first
// use, so that --help, --version and bad usage never load Prisma or open a connection.
import type { Config } from '../config.js';
import { BEARER_TEXT } from '../domain/access/token-secret.js';
import type { Backend, Simulator } from './backend/backend.js';
import { type CliIo, type CommandContext, UsageError } from './command.js';
import { startProgress } from './output/progress.js';
import { createStyle, decideStyle } from './output/style.js';

/** The options every command accepts (declared on the program: src/cli/program.ts). */
export interface GlobalOptions {
  server?: string;
  token?: string;
  /** false with --no-color. */
  color: boolean;
  quiet?: boolean;
}

export interface ActionContext extends CommandContext {
  /** Closes the backend, if one was opened. */
  close(): Promise<void>;
}

/**
 * The database or service holds no project at all, and the command works on one: a failure (exit 1) as a
 * database that is not there is, not bad usage: no option would help, and --help has nothing to add.
 */
export class NoProjectError extends Error {
  override readonly name = 'NoProjectError';
  constructor(where: string) {
    // "Create one" would send a user looking for a command the CLI does not have (projects are made by an
    // import, a GitHub import, or the API).
    super(
      `there is no project in ${where}: bring one in with 'isoplan import FILE --project SLUG' ` +
        "or 'isoplan github import OWNER/REPO#N --project SLUG'",
    );
  }
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** `--server`: an http(s) URL, given with or without a trailing slash. */
export function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server must be a URL such as http://127.0.0.1:8080, not '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http:// or https:// URL, not '${text}'`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * The bearer token of --token or ISOPLAN_TOKEN (`source`), without the whitespace around it (the newline
 * ending a secret file); UsageError for what no Authorization header can carry, which fetch would refuse
 * with a TypeError, and for a token pasted with its scheme (`Bearer isp_…`).
 */
export function bearerToken(text: string, source: string): string {
  const token = text.trim();
  if (/^bearer\s/i.test(token)) {
    throw new UsageError(`${source} must be the token alone (isp_…), without 'Bearer '`);
  }
  if (!BEARER_TEXT.test(token)) {
    throw new UsageError(
      `${source} must be the token alone (isp_…): it has spaces, line breaks or other characters a token never has`,
    );
  }
  return token;
}

export function createActionContext(io: CliIo, globals: GlobalOptions): ActionContext {
  const style = createStyle(
    decideStyle({ noColor: !globals.color, env: io.env, isTTY: io.stdout.isTTY === true }),
  );
  const quiet = globals.quiet === true;
  const width = io.stdout.isTTY === true ? Math.max(40, io.stdout.columns ?? 80) : Number.POSITIVE_INFINITY;
  const server = nonEmpty(globals.server) ?? nonEmpty(io.env.ISOPLAN_SERVER);
  const tokenFlag = nonEmpty(globals.token);
  const tokenText = tokenFlag ?? nonEmpty(io.env.ISOPLAN_TOKEN);
  const tokenSource = tokenFlag === undefined ? 'ISOPLAN_TOKEN' : '--token';
  const actor = nonEmpty(io.env.ISOPLAN_ACTOR);
  const progressOn = !quiet && io.stderr.isTTY === true;

  let config: Promise<Config> | undefined;
  let opened: Promise<Backend> | undefined;

  const ctx: ActionContext = {
    io,
    style,
    quiet,
    width,
    server,
    fileActor: actor ?? 'cli',
    print(...lines) {
      io.stdout.write(lines.map((l) => `${l}\n`).join(''));
    },
    json(value) {
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note(...lines) {
      if (!quiet) ctx.print(...lines);
    },
    config() {
      // zod and the schema only when a command needs them.
      config ??= import('../config.js').then(({ loadConfig }) => loadConfig(io.env, io.cwd));
      return config;
    },
    backend({ create = false } = {}) {
      opened ??= (async () => {
        if (server !== undefined) {
          const { createRemoteBackend } = await import('./backend/remote.js');
          const { answerWithinMs } = await import('./backend/answer-window.js');
          const { jobExpireSecondsOf } = await import('../config.js');
          const token = tokenText === undefined ? undefined : bearerToken(tokenText, tokenSource);
          // As long as the service may take (ISOPLAN_JOB_EXPIRE_SECONDS, the service's setting, if given).
          const withinMs = answerWithinMs(jobExpireSecondsOf(io.env));
          return createRemoteBackend({ baseUrl: serverUrl(server), token, actor, answerWithinMs: withinMs });
        }
        const { openLocalBackend } = await import('./backend/local.js');
        return openLocalBackend(await ctx.config(), {
          create,
          actor: ctx.fileActor,
          warn: (message) => io.stderr.write(`isoplan: ${message}\n`),
        });
      })();
      return opened;
    },
    async simulator(): Promise<Simulator> {
      if (server !== undefined) return ctx.backend();
      return (await import('./backend/local.js')).localSimulator();
    },
    async onProject(given) {
      const backend = await ctx.backend();
      const chosen = nonEmpty(given) ?? nonEmpty(io.env.ISOPLAN_PROJECT);
      if (chosen !== undefined) return { project: chosen, backend };
      const slugs = (await backend.projects()).map((p) => p.slug);
      if (slugs.length === 1) return { project: slugs[0] as string, backend };
      if (slugs.length === 0) throw new NoProjectError(backend.where);
      throw new UsageError(
        `${slugs.length} projects in ${backend.where} (${slugs.join(', ')}): give --project SLUG or set ISOPLAN_PROJECT`,
      );
    },
    progress: (label) => startProgress(io.stderr, label, { enabled: progressOn }),
    async withProgress(label, work) {
      const progress = ctx.progress(label);
      try {
        return await work;
      } finally {
        progress.end();
      }
    },
    async close() {
      if (opened === undefined) return;
      const backend = await opened.catch(() => undefined);
      await backend?.close();
    },
  };
  return ctx;
}
