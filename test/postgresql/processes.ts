// Several isoplan processes on one PostgreSQL database, as replicas behind a load balancer and workers
// run them: `bin/isoplan serve` (or `worker`) spawned with DATABASE_URL, each stopped by its pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, expect } from 'vitest';
import { useEmptyDatabase } from './empty-database.js';

const BIN = resolve(import.meta.dirname, '../../bin/isoplan');

export interface IsoplanProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT` for a server; '' for a worker. */
  url: string;
  /** Everything it logged (JSON lines), for assertions and failure messages. */
  log(): string;
  /** SIGTERM (or `signal`), then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `isoplan <command>` on `databaseUrl` and resolves once it is ready: a server when it logs the
 * URL it listens on, a worker when it logs that it works jobs.
 */
export async function startIsoplan(
  command: 'serve' | 'worker',
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<IsoplanProcess> {
  const child = spawn(process.execPath, [BIN, command], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ISOPLAN_DEMO: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = command === 'serve' ? /isoplan listening on (http:\/\/[^"\s]+)/ : /isoplan worker ready/;
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`isoplan ${command} did not start in 60 s:\n${output}`)),
      60_000,
    );
    const check = () => {
      const match = ready.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      done(match[1] ?? '');
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`isoplan ${command} exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url,
    log: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/** A request and its answer; `body` is the parsed JSON, untyped as tests read it. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads the answers of many routes
export type Answer = { status: number; body: any; etag: string | null };

export async function json(url: string, init: RequestInit = {}): Promise<Answer> {
  const headers =
    init.body === undefined ? init.headers : { 'content-type': 'application/json', ...init.headers };
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? null : JSON.parse(text),
    etag: response.headers.get('etag'),
  };
}

/** The processes of a test file on one empty database, and a client of its own to look into it. */
export interface ProcessesOnDatabase {
  readonly url: string;
  /** A connection of the test's (the queue's tables, the stored runs). */
  readonly sql: pg.Client;
  /** Starts `isoplan <command>` on the database with `env`; SIGKILLed after the file's tests if still running. */
  start(command: 'serve' | 'worker', env?: NodeJS.ProcessEnv): Promise<IsoplanProcess>;
  /** The id of a job of queue `name` once a process has taken it (its state `active`), within 30 s. */
  activeJob(name: string): Promise<{ id: string }>;
}

/** An empty database for the test file (useEmptyDatabase), its processes SIGKILLed after its tests. */
export function useProcessesOnDatabase(): ProcessesOnDatabase {
  const empty = useEmptyDatabase();
  const processes: IsoplanProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  });
  return {
    get url() {
      return empty.url;
    },
    get sql() {
      return empty.sql;
    },
    async start(command, env = {}) {
      const started = await startIsoplan(command, empty.url, env);
      processes.push(started);
      return started;
    },
    activeJob: (name) =>
      found(
        `a process takes the ${name} job`,
        async () =>
          (
            await empty.sql.query<{ id: string }>(
              `SELECT id FROM pgboss.job WHERE name = $1 AND state = 'active'`,
              [name],
            )
          ).rows[0],
        30_000,
      ),
  };
}

/** Polls `probe` until it finds something (not undefined), and answers it; fails after `ms`. */
export async function found<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Project `slug`, made on the service at `url` with `count` issues of one slow check each (`slow-60000`,
 * `slow-60001`…: slowCheck): its URL.
 */
export async function slowProject(url: string, slug: string, count: number): Promise<string> {
  const created = await json(`${url}/v1/projects`, {
    method: 'POST',
    body: JSON.stringify({ slug, name: slug }),
  });
  expect(created.status).toBe(201);
  const project = `${url}/v1/projects/${slug}`;
  for (let times = 60_000; times < 60_000 + count; times++) {
    const issue = await json(`${project}/issues`, {
      method: 'POST',
      body: JSON.stringify({ key: `slow-${times}`, title: 'slow', checks: [slowCheck(times)] }),
    });
    expect(issue.status).toBe(201);
  }
  return project;
}

/**
 * A check that keeps the simulator busy for seconds: `times` allocations and frees in three interpreters.
 * Four issues with one each make four batches, run on the simulator's worker threads (the process's event
 * loop stays free to hear a signal) for several seconds.
 */
export function slowCheck(times: number) {
  return {
    name: `slow-${times}`,
    program: [
      {
        op: 'repeat',
        times,
        body: [
          { op: 'alloc', as: 'a', type: 'tuple' },
          { op: 'free', ref: 'a' },
        ],
      },
    ],
  };
}
