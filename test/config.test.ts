import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_LIMITS,
  DEFAULT_SIM_LIMITS,
  describeDatabase,
  loadConfig,
  resolveDatabasePath,
} from '../src/config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, '/srv/isoplan');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    expect(loadConfig({}, '/srv/isoplan')).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'file:/srv/isoplan/data/isoplan.db',
      databasePath: '/srv/isoplan/data/isoplan.db',
      demo: true,
      logLevel: 'info',
      apiToken: undefined,
      otlpEndpoint: undefined,
      jobs: 'work',
      jobExpireSeconds: 120,
      github: { apiUrl: 'https://api.github.com', credentials: { kind: 'none' }, webhookSecret: undefined },
      publicRead: true,
      rateLimit: 600,
      trustedProxies: [],
      limits: DEFAULT_LIMITS,
      sim: DEFAULT_SIM_LIMITS,
    });
  });

  it('reads the timeouts and caps of the server and the simulator', () => {
    const config = loadConfig({
      ISOPLAN_REQUEST_TIMEOUT_MS: '20000',
      ISOPLAN_HEADERS_TIMEOUT_MS: '5000',
      ISOPLAN_IDLE_TIMEOUT_MS: '2000',
      ISOPLAN_STALL_TIMEOUT_MS: '45000',
      ISOPLAN_MAX_CONNECTIONS: '500',
      ISOPLAN_MAX_CONNECTIONS_PER_CLIENT: '20',
      ISOPLAN_MAX_EVENT_STREAMS: '100',
      ISOPLAN_MAX_EVENT_STREAMS_PER_CLIENT: '4',
      ISOPLAN_SHUTDOWN_GRACE_MS: '15000',
      ISOPLAN_SIM_QUEUE_MS: '5000',
      ISOPLAN_SIM_RUNS_PER_CLIENT: '3',
    });
    expect(config.limits).toEqual({
      requestTimeoutMs: 20_000,
      headersTimeoutMs: 5_000,
      idleTimeoutMs: 2_000,
      stallTimeoutMs: 45_000,
      maxConnections: 500,
      maxConnectionsPerClient: 20,
      maxEventStreams: 100,
      maxEventStreamsPerClient: 4,
      shutdownGraceMs: 15_000,
    });
    expect(config.sim).toEqual({ queueMs: 5_000, runsPerClient: 3 });
  });

  it('refuses timeouts and caps that are not whole numbers in range, naming each', () => {
    expect(
      problemsOf({
        ISOPLAN_REQUEST_TIMEOUT_MS: '30s',
        ISOPLAN_MAX_CONNECTIONS: '0',
        ISOPLAN_SIM_RUNS_PER_CLIENT: '-1',
      }),
    ).toEqual(['ISOPLAN_REQUEST_TIMEOUT_MS', 'ISOPLAN_MAX_CONNECTIONS', 'ISOPLAN_SIM_RUNS_PER_CLIENT']);
    expect(() => loadConfig({ ISOPLAN_MAX_CONNECTIONS: '0' })).toThrow(
      /ISOPLAN_MAX_CONNECTIONS: must be between 1 and 1000000 \(got "0"\)/,
    );
  });

  it('refuses a header timeout longer than the request timeout', () => {
    expect(() =>
      loadConfig({ ISOPLAN_REQUEST_TIMEOUT_MS: '5000', ISOPLAN_HEADERS_TIMEOUT_MS: '8000' }),
    ).toThrow(/ISOPLAN_HEADERS_TIMEOUT_MS: must not exceed ISOPLAN_REQUEST_TIMEOUT_MS \(5000\)/);
  });

  it('reads and coerces every variable', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'file:/var/lib/isoplan/db.sqlite',
        ISOPLAN_DEMO: '0',
        LOG_LEVEL: 'DEBUG',
        ISOPLAN_API_TOKEN: 'a-secret-of-sufficient-length',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        ISOPLAN_PUBLIC_READ: '0',
        ISOPLAN_RATE_LIMIT: '120',
      },
      '/srv/isoplan',
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      databasePath: '/var/lib/isoplan/db.sqlite',
      demo: false,
      logLevel: 'debug',
      apiToken: 'a-secret-of-sufficient-length',
      otlpEndpoint: 'http://collector:4318',
      publicRead: false,
      rateLimit: 120,
    });
  });

  it('takes a postgresql:// URL as it is, with no file path, and describes it without its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://isoplan:s3cret@db:5432/isoplan' }, '/srv');
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://isoplan:s3cret@db:5432/isoplan',
      databasePath: null,
    });
    expect(describeDatabase(config)).toBe('postgresql://isoplan:***@db:5432/isoplan');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/isoplan' }).databasePath).toBeNull();
  });

  it('describes a postgresql:// URL without a password given in its query string', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://isoplan@db:5432/isoplan?password=s3cret&sslmode=require',
    });
    expect(describeDatabase(config)).toBe(
      'postgresql://isoplan@db:5432/isoplan?password=***&sslmode=require',
    );
  });

  it('takes a PostgreSQL URL naming a Unix socket directory as libpq does, and describes it without its password', () => {
    const bare = loadConfig({ DATABASE_URL: 'postgresql:///isoplan?host=/run/postgresql' });
    expect(describeDatabase(bare)).toBe('postgresql:///isoplan?host=/run/postgresql');
    const withUser = loadConfig({
      DATABASE_URL: 'postgresql://isoplan:s3cret@/isoplan?host=/run/postgresql',
    });
    expect(withUser.databaseUrl).toBe('postgresql://isoplan:s3cret@/isoplan?host=/run/postgresql');
    expect(describeDatabase(withUser)).toBe('postgresql://isoplan:***@/isoplan?host=/run/postgresql');
    const encoded = loadConfig({ DATABASE_URL: 'postgresql://isoplan@%2Frun%2Fpostgresql/isoplan' });
    expect(encoded.databasePath).toBeNull();
  });

  it('refuses a PostgreSQL URL with neither a host nor a socket directory, saying how to name either', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql:///isoplan' })).toThrow(
      'DATABASE_URL: must name a host (postgresql://USER:PASSWORD@HOST:PORT/DATABASE) or a socket directory (postgresql:///DATABASE?host=/run/postgresql)',
    );
  });

  it('refuses a PostgreSQL URL without a database, never quoting it (it may hold a password)', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgresql://isoplan:s3cret@db:5432' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        {
          variable: 'DATABASE_URL',
          message: 'must name a database (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)',
        },
      ]);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('turns the rate limit off with 0 and refuses anything but a whole number', () => {
    expect(loadConfig({ ISOPLAN_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    expect(() => loadConfig({ ISOPLAN_RATE_LIMIT: '-1' })).toThrow(
      /ISOPLAN_RATE_LIMIT: must be a whole number of requests per minute \(0 turns the limit off\) \(got "-1"\)/,
    );
    expect(problemsOf({ ISOPLAN_RATE_LIMIT: '1.5', ISOPLAN_PUBLIC_READ: 'maybe' })).toEqual([
      'ISOPLAN_PUBLIC_READ',
      'ISOPLAN_RATE_LIMIT',
    ]);
  });

  it('reads the trusted proxies as addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig({ ISOPLAN_TRUSTED_PROXIES: ' 10.0.0.0/8, ::1 ,' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ ISOPLAN_TRUSTED_PROXIES: '10.0.0.0/8,caddy' })).toThrow(
      /ISOPLAN_TRUSTED_PROXIES: must be addresses or CIDR ranges, comma-separated/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', ISOPLAN_DEMO: '', LOG_LEVEL: '' }, '/x')).toMatchObject({
      port: 8080,
      demo: true,
      logLevel: 'info',
    });
  });

  it('keeps the demo on for any truthy word and off for any falsy word', () => {
    expect(loadConfig({ ISOPLAN_DEMO: 'yes' }).demo).toBe(true);
    expect(loadConfig({ ISOPLAN_DEMO: 'off' }).demo).toBe(false);
  });

  it('names every bad variable at once', () => {
    expect(
      problemsOf({
        PORT: 'eighty',
        HOST: '  ',
        ISOPLAN_DEMO: 'maybe',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'postgres://x',
      }),
    ).toEqual(['PORT', 'HOST', 'ISOPLAN_DEMO', 'LOG_LEVEL', 'DATABASE_URL']);
  });

  it('says why a value is bad and quotes it', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535 \(got "70000"\)/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: must be one of fatal, error/);
  });

  it('refuses an OTLP endpoint that is not an http(s) URL', () => {
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]);
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]);
  });

  it('refuses an API token too short to be a secret', () => {
    expect(problemsOf({ ISOPLAN_API_TOKEN: 'short' })).toEqual(['ISOPLAN_API_TOKEN']);
  });

  it('takes the API token without the newline that ends a secret read from a file', () => {
    expect(loadConfig({ ISOPLAN_API_TOKEN: ' a-secret-of-sufficient-length\n' }).apiToken).toBe(
      'a-secret-of-sufficient-length',
    );
  });

  it('refuses an API token no Authorization header can carry: spaces, line breaks or non-ASCII inside', () => {
    for (const token of [
      'a secret of sufficient length',
      'a-secret-of\nsufficient-length',
      'a-sécret-of-sufficient-length',
    ]) {
      expect(() => loadConfig({ ISOPLAN_API_TOKEN: token }), JSON.stringify(token)).toThrow(
        'ISOPLAN_API_TOKEN: must be printable ASCII without spaces: it is sent as Authorization: Bearer <token>',
      );
    }
  });

  it('never quotes the API token in its message: it goes to stderr and logs', () => {
    const load = () => loadConfig({ ISOPLAN_API_TOKEN: 'hunter2-secret' });
    expect(load).toThrow('ISOPLAN_API_TOKEN: must be at least 16 characters long');
    expect(load).not.toThrow(/hunter2/);
  });
});

describe('loadConfig: GitHub', () => {
  const PEM = '-----BEGIN RSA PRIVATE KEY-----\\nMIIEow-a-key\\n-----END RSA PRIVATE KEY-----';

  it('sends every GitHub call to GITHUB_API_URL, without its trailing slash', () => {
    const config = loadConfig({ GITHUB_API_URL: 'https://ghe.example.org/api/v3/' });
    expect(config.github.apiUrl).toBe('https://ghe.example.org/api/v3');
  });

  it('takes GITHUB_TOKEN as the credentials', () => {
    expect(loadConfig({ GITHUB_TOKEN: 'ghp_abc' }).github.credentials).toEqual({
      kind: 'token',
      token: 'ghp_abc',
    });
  });

  it('prefers a GitHub App to a token, with the escaped newlines of its key restored', () => {
    const config = loadConfig({
      GITHUB_TOKEN: 'ghp_abc',
      GITHUB_APP_ID: '12345',
      GITHUB_APP_PRIVATE_KEY: PEM,
    });
    expect(config.github.credentials).toEqual({
      kind: 'app',
      appId: 12345,
      privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow-a-key\n-----END RSA PRIVATE KEY-----',
    });
  });

  it('needs both the App id and its key', () => {
    expect(problemsOf({ GITHUB_APP_ID: '12345' })).toEqual(['GITHUB_APP_PRIVATE_KEY']);
    expect(problemsOf({ GITHUB_APP_PRIVATE_KEY: PEM })).toEqual(['GITHUB_APP_ID']);
  });

  it('refuses a URL that is not http(s), an App id that is not a number and a key that is not PEM', () => {
    expect(
      problemsOf({ GITHUB_API_URL: 'ftp://github', GITHUB_APP_ID: 'octo', GITHUB_APP_PRIVATE_KEY: 'x' }),
    ).toEqual(['GITHUB_API_URL', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY']);
  });

  it('reads the webhook secret; an empty one is no secret', () => {
    expect(loadConfig({ ISOPLAN_GITHUB_WEBHOOK_SECRET: 's3cret' }).github.webhookSecret).toBe('s3cret');
    expect(loadConfig({ ISOPLAN_GITHUB_WEBHOOK_SECRET: '' }).github.webhookSecret).toBeUndefined();
  });

  it('never quotes the GitHub token or the App key in its message', () => {
    const load = () =>
      loadConfig({ GITHUB_TOKEN: '   ', GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: 'not-a-pem-but-secret' });
    expect(load).toThrow(/GITHUB_APP_PRIVATE_KEY: must be a PEM private key/);
    expect(load).not.toThrow(/not-a-pem-but-secret/);
  });
});

describe('resolveDatabasePath', () => {
  it('resolves relative file: URLs against the working directory', () => {
    expect(resolveDatabasePath('file:./data/isoplan.db', '/srv')).toBe('/srv/data/isoplan.db');
    expect(resolveDatabasePath('file:db.sqlite', '/srv')).toBe('/srv/db.sqlite');
  });

  it('accepts absolute paths and file:/// URLs', () => {
    expect(resolveDatabasePath('file:/var/db.sqlite', '/srv')).toBe('/var/db.sqlite');
    expect(resolveDatabasePath('file:///var/my%20db.sqlite', '/srv')).toBe('/var/my db.sqlite');
  });

  it('refuses other schemes, query parameters and directories', () => {
    expect(() => resolveDatabasePath('sqlite:db', '/srv')).toThrow(/file: URL/);
    expect(() => resolveDatabasePath('file:db?mode=memory', '/srv')).toThrow(/query/);
    expect(() => resolveDatabasePath('file:./data/', '/srv')).toThrow(/file/);
  });
});
