// Configuration: one zod schema over the environment, parsed once at start-up
// (by `isoplan serve` and every CLI command). A bad value stops the start with a
// list that names each variable and says what is wrong with it.

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parsePostgresUrl } from 'pg-connection-string';
import { z } from 'zod';
import { isProxyEntry } from './api/http/trusted-proxies.js';
import { BEARER_TEXT } from './domain/access/token-secret.js';
import type { GithubCredentials } from './integrations/github/github-client.js';
import { DEFAULT_JOB_EXPIRE_SECONDS } from './store/job-wait.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** An absolute `file:` URL of the SQLite database, or a `postgresql://` URL. */
  databaseUrl: string;
  /** The file system path behind a SQLite `databaseUrl`; null for PostgreSQL. */
  databasePath: string | null;
  /** Load the demo project into an empty database at start-up. */
  demo: boolean;
  logLevel: LogLevel;
  /** A bootstrap admin token (ISOPLAN_API_TOKEN), next to the tokens of the database. */
  apiToken: string | undefined;
  /** ISOPLAN_TRUSTED_PROXIES: proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** OTEL_EXPORTER_OTLP_ENDPOINT: when set, `isoplan serve` exports trace spans there (OTLP over HTTP). */
  otlpEndpoint: string | undefined;
  /** PostgreSQL: whether `serve` also takes jobs from the queue (`work`) or only enqueues them (`enqueue`). */
  jobs: 'work' | 'enqueue';
  /** PostgreSQL: a job still running this long after it started (its worker died) runs again. */
  jobExpireSeconds: number;
  /** `isoplan worker`: the port of its /metrics, /healthz and /readyz (on `host`); unset, none. */
  workerMetricsPort: number | undefined;
  /** Reads without a token (ISOPLAN_PUBLIC_READ, default on); off, every read needs a `read` token. */
  publicRead: boolean;
  /** Requests per minute per token, or per client address without one (ISOPLAN_RATE_LIMIT); 0 is off. */
  rateLimit: number;
  github: GithubConfig;
  /** Timeouts and caps of the HTTP server (src/cli/server.ts, src/api/plugins/connection-limits.ts). */
  limits: ServerLimits;
  /** Admission of simulator work (src/services/sim-admission.ts). */
  sim: SimLimits;
}

/** How long the server waits for clients, and how many it serves at once. */
export interface ServerLimits {
  /** The whole request (headers and body) must arrive within this; a slower one is cut with a 408. */
  requestTimeoutMs: number;
  /** The request's headers must arrive within this (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** A keep-alive connection idle between requests is closed after this. */
  idleTimeoutMs: number;
  /** A connection on which nothing moves either way (a client that stopped reading) is closed after this. */
  stallTimeoutMs: number;
  /** Open connections at most; past it a new one is answered 503. */
  maxConnections: number;
  /** Open connections of one client address at most; past it a new one is answered 503. */
  maxConnectionsPerClient: number;
  /** Open event streams at most; past it a new stream is answered 503. */
  maxEventStreams: number;
  /** Open event streams of one client at most. */
  maxEventStreamsPerClient: number;
  /** On SIGTERM, in-flight requests and validations get this long before the process exits anyway. */
  shutdownGraceMs: number;
}

/** How much ad-hoc simulator work (POST /v1/sim/run) may wait, and each client's share of it. */
export interface SimLimits {
  /** Ad-hoc work queued at most, in estimated milliseconds of simulation. */
  queueMs: number;
  /** Ad-hoc runs one client may have running or queued. */
  runsPerClient: number;
}

/** How isoplan reaches GitHub. None of it is ever logged, echoed or stored. */
export interface GithubConfig {
  /** GITHUB_API_URL (GitHub Actions and GitHub Enterprise Server set it), without a trailing slash. */
  apiUrl: string;
  /** A GitHub App (GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY) before GITHUB_TOKEN; none: public repositories only. */
  credentials: GithubCredentials;
  /** ISOPLAN_GITHUB_WEBHOOK_SECRET: without it, webhook deliveries are refused. */
  webhookSecret: string | undefined;
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

const booleanWord = () =>
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => v in BOOLEAN_WORDS, 'must be 0 or 1 (or true/false, yes/no, on/off)')
    .transform((v) => BOOLEAN_WORDS[v] as boolean);

/** A whole number in [min, max], from its decimal text. */
const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(
      z.number().min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`),
    );

/** Requests per minute per client unless ISOPLAN_RATE_LIMIT says otherwise. */
export const DEFAULT_RATE_LIMIT = 600;

/** A TCP port to listen on; 0: any free one. */
const portNumber = () =>
  z
    .string()
    .regex(/^\d+$/, 'must be an integer between 0 and 65535')
    .transform(Number)
    .pipe(z.number().int().min(0, 'must be between 0 and 65535').max(65535, 'must be between 0 and 65535'));

const EnvSchema = z.object({
  PORT: optional(portNumber()),
  HOST: optional(z.string().trim().min(1, 'must not be blank')),
  DATABASE_URL: optional(z.string()),
  ISOPLAN_DEMO: optional(booleanWord()),
  LOG_LEVEL: optional(
    z
      .string()
      .transform((v) => v.trim().toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  ),
  // Trimmed: a secret read from a file often ends in a newline, which no Authorization header can carry (an
  // HTTP client trims it), so the token would never match and the service would stay closed to everyone.
  ISOPLAN_API_TOKEN: optional(
    z
      .string()
      .trim()
      .min(16, 'must be at least 16 characters long')
      .regex(
        BEARER_TEXT,
        'must be printable ASCII without spaces: it is sent as Authorization: Bearer <token>',
      ),
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://collector:4318' }),
  ),
  ISOPLAN_JOBS: optional(
    z
      .string()
      .transform((v) => v.trim().toLowerCase())
      .pipe(z.enum(['work', 'enqueue'], { error: 'must be work or enqueue' })),
  ),
  ISOPLAN_JOB_EXPIRE_SECONDS: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of seconds between 1 and 86400')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be at least 1').max(86400, 'must be at most 86400')),
  ),
  ISOPLAN_WORKER_METRICS_PORT: optional(portNumber()),
  ISOPLAN_PUBLIC_READ: optional(booleanWord()),
  ISOPLAN_RATE_LIMIT: optional(
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a whole number of requests per minute (0 turns the limit off)')
      .transform(Number)
      .pipe(z.number().int().max(1_000_000, 'must be at most 1000000 requests per minute')),
  ),
  GITHUB_API_URL: optional(
    z.url({ protocol: /^https?$/, error: 'must be an http or https URL, e.g. https://api.github.com' }),
  ),
  GITHUB_TOKEN: optional(z.string().trim().min(1)),
  GITHUB_APP_ID: optional(
    z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'must be the numeric id of a GitHub App')
      .transform(Number),
  ),
  // Environments often hold a PEM on one line with `\n` escapes: they are turned back into newlines.
  GITHUB_APP_PRIVATE_KEY: optional(
    z
      .string()
      .transform((v) => v.replace(/\\n/g, '\n').trim())
      .refine(
        (v) => /^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(v),
        'must be a PEM private key (-----BEGIN … PRIVATE KEY-----)',
      ),
  ),
  ISOPLAN_GITHUB_WEBHOOK_SECRET: optional(z.string().min(1)),
  ISOPLAN_REQUEST_TIMEOUT_MS: optional(integer(1000, 3_600_000)),
  ISOPLAN_HEADERS_TIMEOUT_MS: optional(integer(1000, 3_600_000)),
  ISOPLAN_IDLE_TIMEOUT_MS: optional(integer(100, 3_600_000)),
  ISOPLAN_STALL_TIMEOUT_MS: optional(integer(1000, 3_600_000)),
  ISOPLAN_TRUSTED_PROXIES: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((e) => e.trim())
          .filter((e) => e !== ''),
      )
      .refine((entries) => entries.every(isProxyEntry), {
        message: 'must be addresses or CIDR ranges, comma-separated (e.g. 10.0.0.0/8,::1)',
      }),
  ),
  ISOPLAN_MAX_CONNECTIONS: optional(integer(1, 1_000_000)),
  ISOPLAN_MAX_CONNECTIONS_PER_CLIENT: optional(integer(1, 1_000_000)),
  ISOPLAN_MAX_EVENT_STREAMS: optional(integer(0, 1_000_000)),
  ISOPLAN_MAX_EVENT_STREAMS_PER_CLIENT: optional(integer(0, 1_000_000)),
  ISOPLAN_SHUTDOWN_GRACE_MS: optional(integer(0, 3_600_000)),
  ISOPLAN_SIM_QUEUE_MS: optional(integer(0, 3_600_000)),
  ISOPLAN_SIM_RUNS_PER_CLIENT: optional(integer(1, 1000)),
});

/** Every environment variable the configuration reads (the CLI's help names each). */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 5_000,
  stallTimeoutMs: 60_000,
  maxConnections: 1024,
  maxConnectionsPerClient: 64,
  maxEventStreams: 256,
  maxEventStreamsPerClient: 8,
  shutdownGraceMs: 10_000,
};

export const DEFAULT_SIM_LIMITS: SimLimits = { queueMs: 10_000, runsPerClient: 2 };

export const DEFAULT_DATABASE_URL = 'file:./data/isoplan.db';

const SECRET_VARIABLES = new Set([
  'ISOPLAN_API_TOKEN',
  'GITHUB_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'ISOPLAN_GITHUB_WEBHOOK_SECRET',
]);

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** The database for logs and messages: a file path, or a PostgreSQL URL without its password. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'databasePath'>): string {
  if (config.databasePath !== null) return config.databasePath;
  // The pg driver takes a password from the query string as well (postgresql://user@host/db?password=…).
  const withoutQueryPassword = config.databaseUrl.replace(/([?&]password=)[^&#]*/g, '$1***');
  try {
    const url = new URL(withoutQueryPassword);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    // Not a WHATWG URL, yet one the driver reads: a socket's user with no host (postgresql://me@/db?host=/run/postgresql).
    return withoutQueryPassword.replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*):[^@/?#]*@/, '$1:***@');
  }
}

/**
 * A `postgresql://` (or `postgres://`) URL as the pg driver reads it (pg-connection-string, which the
 * engine, the job queue and the change feed hand it to): a host, or a Unix socket's directory
 * (`postgresql:///DATABASE?host=/run/postgresql`, as libpq takes it), and a database required.
 */
function checkPostgresUrl(url: string): void {
  let parsed: ReturnType<typeof parsePostgresUrl>;
  try {
    parsed = parsePostgresUrl(url);
  } catch {
    throw new Error('is not a valid postgresql:// URL');
  }
  if (!parsed.host)
    throw new Error(
      'must name a host (postgresql://USER:PASSWORD@HOST:PORT/DATABASE) or a socket directory (postgresql:///DATABASE?host=/run/postgresql)',
    );
  if (!parsed.database)
    throw new Error('must name a database (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)');
}

/**
 * Resolves a SQLite `file:` URL to an absolute path. Relative paths
 * (`file:./data/isoplan.db`, `file:data.db`) are relative to `cwd`, as with Prisma's CLI
 * run from the project root; `file:///abs/path` and `file:/abs/path` are absolute.
 */
export function resolveDatabasePath(url: string, cwd: string): string {
  if (!url.startsWith('file:')) {
    throw new Error('must be a SQLite file: URL (file:./data/isoplan.db) or a postgresql:// URL');
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

/**
 * ISOPLAN_JOB_EXPIRE_SECONDS alone (default 120), for the CLI against a service: how long the service may
 * wait for a queued job follows from it (src/store/job-wait.ts), and the CLI waits for the answer that long.
 * Only this variable is read, so that one the CLI does not use cannot stop it. ConfigError when it is bad.
 */
export function jobExpireSecondsOf(env: NodeJS.ProcessEnv): number {
  const parsed = EnvSchema.shape.ISOPLAN_JOB_EXPIRE_SECONDS.safeParse(env.ISOPLAN_JOB_EXPIRE_SECONDS);
  if (parsed.success) return parsed.data ?? DEFAULT_JOB_EXPIRE_SECONDS;
  const got = env.ISOPLAN_JOB_EXPIRE_SECONDS;
  throw new ConfigError(
    parsed.error.issues.map((issue) => ({
      variable: 'ISOPLAN_JOB_EXPIRE_SECONDS',
      message: `${issue.message} (got "${got}")`,
    })),
  );
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
  let databasePath: string | null = null;
  try {
    if (POSTGRES_URL.test(databaseUrl)) checkPostgresUrl(databaseUrl);
    else databasePath = resolveDatabasePath(databaseUrl, cwd);
  } catch (error) {
    // A PostgreSQL URL may hold a password: it is not quoted.
    const got = POSTGRES_URL.test(databaseUrl) ? '' : ` (got "${databaseUrl}")`;
    problems.push({ variable: 'DATABASE_URL', message: `${(error as Error).message}${got}` });
  }

  if (parsed.success) {
    // A GitHub App needs both its id and its key.
    const { GITHUB_APP_ID: appId, GITHUB_APP_PRIVATE_KEY: key } = parsed.data;
    if ((appId === undefined) !== (key === undefined)) {
      const missing = appId === undefined ? 'GITHUB_APP_ID' : 'GITHUB_APP_PRIVATE_KEY';
      const given = appId === undefined ? 'GITHUB_APP_PRIVATE_KEY' : 'GITHUB_APP_ID';
      problems.push({ variable: missing, message: `must be set with ${given} (a GitHub App needs both)` });
    }
  }

  if (parsed.success) {
    const { ISOPLAN_REQUEST_TIMEOUT_MS: request, ISOPLAN_HEADERS_TIMEOUT_MS: headers } = parsed.data;
    if ((headers ?? DEFAULT_LIMITS.headersTimeoutMs) > (request ?? DEFAULT_LIMITS.requestTimeoutMs)) {
      problems.push({
        variable: 'ISOPLAN_HEADERS_TIMEOUT_MS',
        message: `must not exceed ISOPLAN_REQUEST_TIMEOUT_MS (${request ?? DEFAULT_LIMITS.requestTimeoutMs})`,
      });
    }
  }

  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const data = parsed.data;
  const credentials: GithubCredentials =
    data.GITHUB_APP_ID !== undefined && data.GITHUB_APP_PRIVATE_KEY !== undefined
      ? { kind: 'app', appId: data.GITHUB_APP_ID, privateKey: data.GITHUB_APP_PRIVATE_KEY }
      : data.GITHUB_TOKEN !== undefined
        ? { kind: 'token', token: data.GITHUB_TOKEN }
        : { kind: 'none' };
  return {
    port: data.PORT ?? 8080,
    host: data.HOST ?? '127.0.0.1',
    databaseUrl: databasePath === null ? databaseUrl : `file:${databasePath}`,
    databasePath,
    demo: data.ISOPLAN_DEMO ?? true,
    logLevel: data.LOG_LEVEL ?? 'info',
    apiToken: data.ISOPLAN_API_TOKEN,
    github: {
      apiUrl: (data.GITHUB_API_URL ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, ''),
      credentials,
      webhookSecret: data.ISOPLAN_GITHUB_WEBHOOK_SECRET,
    },
    otlpEndpoint: data.OTEL_EXPORTER_OTLP_ENDPOINT,
    jobs: data.ISOPLAN_JOBS ?? 'work',
    jobExpireSeconds: data.ISOPLAN_JOB_EXPIRE_SECONDS ?? DEFAULT_JOB_EXPIRE_SECONDS,
    workerMetricsPort: data.ISOPLAN_WORKER_METRICS_PORT,
    publicRead: data.ISOPLAN_PUBLIC_READ ?? true,
    rateLimit: data.ISOPLAN_RATE_LIMIT ?? DEFAULT_RATE_LIMIT,
    trustedProxies: data.ISOPLAN_TRUSTED_PROXIES ?? [],
    limits: {
      requestTimeoutMs: data.ISOPLAN_REQUEST_TIMEOUT_MS ?? DEFAULT_LIMITS.requestTimeoutMs,
      headersTimeoutMs: data.ISOPLAN_HEADERS_TIMEOUT_MS ?? DEFAULT_LIMITS.headersTimeoutMs,
      idleTimeoutMs: data.ISOPLAN_IDLE_TIMEOUT_MS ?? DEFAULT_LIMITS.idleTimeoutMs,
      stallTimeoutMs: data.ISOPLAN_STALL_TIMEOUT_MS ?? DEFAULT_LIMITS.stallTimeoutMs,
      maxConnections: data.ISOPLAN_MAX_CONNECTIONS ?? DEFAULT_LIMITS.maxConnections,
      maxConnectionsPerClient:
        data.ISOPLAN_MAX_CONNECTIONS_PER_CLIENT ?? DEFAULT_LIMITS.maxConnectionsPerClient,
      maxEventStreams: data.ISOPLAN_MAX_EVENT_STREAMS ?? DEFAULT_LIMITS.maxEventStreams,
      maxEventStreamsPerClient:
        data.ISOPLAN_MAX_EVENT_STREAMS_PER_CLIENT ?? DEFAULT_LIMITS.maxEventStreamsPerClient,
      shutdownGraceMs: data.ISOPLAN_SHUTDOWN_GRACE_MS ?? DEFAULT_LIMITS.shutdownGraceMs,
    },
    sim: {
      queueMs: data.ISOPLAN_SIM_QUEUE_MS ?? DEFAULT_SIM_LIMITS.queueMs,
      runsPerClient: data.ISOPLAN_SIM_RUNS_PER_CLIENT ?? DEFAULT_SIM_LIMITS.runsPerClient,
    },
  };
}
