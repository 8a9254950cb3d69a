// Configuration: one zod schema over the environment, parsed once at start-up
// (by `isoplan serve` and every CLI command). A bad value stops the start with a
// list that names each variable and says what is wrong with it.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** Always an absolute `file:` URL of the SQLite database. */
  databaseUrl: string;
  /** The file system path behind `databaseUrl`. */
  databasePath: string;
  /** Load the demo project into an empty database at start-up. */
  demo: boolean;
  logLevel: LogLevel;
  /** When set, every write needs `Authorization: Bearer <token>`; reads stay open. */
  apiToken: string | undefined;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: when set, `isoplan serve` exports trace spans there (OTLP over HTTP). */
  otlpEndpoint: string | undefined;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Empty variables count as unset: compose files and shells often export `VAR=`.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const BOOLEAN_WORDS: Record<string, boolean> = {
  '1': true,
  true: true,
  yes: true,
  on: true,
  '0': false,
  false: false,
  no: false,
  off: false,
};

const EnvSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be an integer between 0 and 65535')
      .transform(Number)
      .pipe(z.number().int().min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535')),
  ),
  HOST: optional(z.string().trim().min(1, 'must not be blank')),
  DATABASE_URL: optional(z.string()),
  ISOPLAN_DEMO: optional(
    z
      .string()
      .transform((v) => v.trim().toLowerCase())
      .refine((v) => v in BOOLEAN_WORDS, 'must be 0 or 1 (or true/false, yes/no, on/off)')
      .transform((v) => BOOLEAN_WORDS[v] as boolean),
  ),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((v) => v.trim().toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  ),
  ISOPLAN_API_TOKEN: optional(z.string().min(16, 'must be at least 16 characters long')),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://collector:4318' }),
  ),
});

export const DEFAULT_DATABASE_URL = 'file:./data/isoplan.db';

const SECRET_VARIABLES = new Set(['ISOPLAN_API_TOKEN']);

/**
 * Resolves a SQLite `file:` URL to an absolute path. Relative paths
 * (`file:./data/isoplan.db`, `file:data.db`) are relative to `cwd`, as with Prisma's CLI
 * run from the project root; `file:///abs/path` and `file:/abs/path` are absolute.
 */
export function resolveDatabasePath(url: string, cwd: string): string {
  if (!url.startsWith('file:')) {
    throw new Error('must be a SQLite file: URL, e.g. file:./data/isoplan.db');
  }
  if (url.includes('?')) {
    throw new Error('query parameters are not supported in a file: URL');
  }
  const rest = url.slice('file:'.length);
  if (rest === '' || rest.endsWith('/')) throw new Error('must name a database file');
  if (rest.startsWith('//')) {
    try {
      return fileURLToPath(url);
    } catch (error) {
      throw new Error(`is not a valid file: URL (${(error as Error).message})`);
    }
  }
  const path = decodeURIComponent(rest);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? 'environment');
      // A secret is never quoted: this message goes to stderr and the logs.
      const got = SECRET_VARIABLES.has(variable) ? undefined : env[variable];
      problems.push({
        variable,
        message: got === undefined ? issue.message : `${issue.message} (got "${got}")`,
      });
    }
  }

  const databaseUrl = (parsed.success ? parsed.data.DATABASE_URL : env.DATABASE_URL) || DEFAULT_DATABASE_URL;
  let databasePath = '';
  try {
    databasePath = resolveDatabasePath(databaseUrl, cwd);
  } catch (error) {
    problems.push({
      variable: 'DATABASE_URL',
      message: `${(error as Error).message} (got "${databaseUrl}")`,
    });
  }

  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const data = parsed.data;
  return {
    port: data.PORT ?? 8080,
    host: data.HOST ?? '127.0.0.1',
    databaseUrl: `file:${databasePath}`,
    databasePath,
    demo: data.ISOPLAN_DEMO ?? true,
    logLevel: data.LOG_LEVEL ?? 'info',
    apiToken: data.ISOPLAN_API_TOKEN,
    otlpEndpoint: data.OTEL_EXPORTER_OTLP_ENDPOINT,
  };
}
