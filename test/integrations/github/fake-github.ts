// A fake GitHub REST API on loopback, for the tests of the GitHub integration: issues, sub-issues,
// "blocked by" dependencies and parents (each list paginated with Link headers), repository contents,
// check runs (at most 50 annotations per request, summaries up to 65,535 bytes, as GitHub enforces),
// commit statuses, a GitHub App's installations and installation tokens (JWTs checked against the App's
// public key), tokens, 404s, issues transferred to another repository (their old URLs answer 301 to
// `/repositories/ID/issues/N`, as GitHub's do), and on demand primary and secondary rate limits, 5xx
// answers and requests it never answers. Every response body is
// typed by @octokit/openapi-types, so a fixture GitHub could not send fails the typecheck. It records
// what it received, for the tests to assert on.
import { createPublicKey, createVerify, type KeyObject, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components, operations } from '@octokit/openapi-types';

export type RestIssue = components['schemas']['issue'];
type CheckRun = components['schemas']['check-run'];
type CommitStatusResponse = components['schemas']['status'];
type ContentFile = components['schemas']['content-file'];
type Installation = components['schemas']['installation'];
type InstallationToken = components['schemas']['installation-token'];
type SimpleUser = components['schemas']['simple-user'];
type BasicError = components['schemas']['basic-error'];
export type CheckRunCreateBody = operations['checks/create']['requestBody']['content']['application/json'];
export type CheckRunUpdateBody = operations['checks/update']['requestBody']['content']['application/json'];
export type CommitStatusBody =
  operations['repos/create-commit-status']['requestBody']['content']['application/json'];

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface IssueFields {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: RestIssue['state_reason'];
  labels?: string[];
  assignees?: string[];
  /** Defaults to a number derived from the repository and the issue number. */
  id?: number;
}

export interface PostedCheckRun {
  id: number;
  repository: string;
  create: CheckRunCreateBody;
  updates: CheckRunUpdateBody[];
}

/** `secondary-429`: GitHub answers a secondary rate limit with 403 or 429. */
type RateLimit = 'primary' | 'secondary' | 'secondary-429' | 'primary-long';
/** A 5xx status to answer with, or `no-answer`: the request is read and never answered. */
export type Fault = 404 | 500 | 502 | 503 | 504 | 'no-answer';

const FIVE_MB = 5 * 1024 * 1024;
/** GitHub posts check runs and commit statuses only on a full sha (an abbreviated one is a 422). */
const FULL_SHA = /^[0-9a-f]{40}$/;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';
const NOT_FOUND: Reply = {
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS } satisfies BasicError,
};
const JWT_REFUSED: Reply = {
  status: 401,
  body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS } satisfies BasicError,
};
const CHECKS_REFUSED: Reply = {
  status: 403,
  body: { message: 'Resource not accessible by integration', documentation_url: DOCS } satisfies BasicError,
};

function unprocessable(message: string): Reply {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ message }], documentation_url: DOCS },
  };
}

const found = (body: unknown): Reply => (body === undefined ? NOT_FOUND : { status: 200, body });

function user(login: string, id: number): SimpleUser {
  const url = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

const issueKey = (repository: string, number: number) => `${repository.toLowerCase()}#${number}`;

export interface FakeGithubOptions {
  /** When set, every request needs `Authorization: token <one of these>` (or Bearer). */
  tokens?: string[];
  /**
   * Tokens (of `tokens`) that may not create check runs: refused with 403, as GitHub refuses a personal
   * access token, or GitHub Actions' GITHUB_TOKEN without `checks: write`.
   */
  tokensWithoutChecks?: string[];
  /** A GitHub App: its id and public key (JWTs are checked), and its installation per repository. */
  app?: {
    id: number;
    publicKey: string | KeyObject;
    installations: Record<string, { id: number; checks: 'write' | 'read' | null }>;
  };
}

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  readonly checkRuns: PostedCheckRun[] = [];
  readonly statuses: Array<{ repository: string; sha: string; body: CommitStatusBody }> = [];
  url = '';
  private readonly issues = new Map<string, RestIssue>();
  /** child key -> parent key */
  private readonly parents = new Map<string, string>();
  /** issue key -> blocker keys */
  private readonly blockers = new Map<string, string[]>();
  /** Transferred issues: old issue key -> new issue key. */
  private readonly moved = new Map<string, string>();
  /** Repository id -> `OWNER/REPO` (GitHub's redirects name a repository by its id). */
  private readonly repositoryNames = new Map<number, string>();
  /** `owner/repo` (lower case) -> id, of repositories renamed (the new name keeps the id) and their old names. */
  private readonly renamedIds = new Map<string, number>();
  /** Old names (lower case) of renamed repositories: every request to one answers 301 to the repository's id. */
  private readonly oldNames = new Set<string>();
  private readonly files = new Map<string, string>();
  private readonly limits: RateLimit[] = [];
  private readonly faults: Fault[] = [];
  /** Requests to hold back once received, by path: each is answered when its hold is released. */
  private readonly holds: Array<{ path: string; reached: () => void; released: Promise<void> }> = [];
  private readonly tokens: Set<string>;
  private readonly installationTokens = new Map<string, number>();
  private readonly appKey: KeyObject | null;
  private nextId = 1;
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });

  constructor(private readonly options: FakeGithubOptions = {}) {
    this.tokens = new Set(options.tokens ?? []);
    const key = options.app?.publicKey;
    this.appKey = key === undefined ? null : typeof key === 'string' ? createPublicKey(key) : key;
  }

  static async start(options: FakeGithubOptions = {}): Promise<FakeGithub> {
    const fake = new FakeGithub(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  // --- the repositories' state ---

  /** Forgets every issue, edge, file, pending rate limit and recorded request: a GitHub with nothing on it. */
  reset(): void {
    this.issues.clear();
    this.parents.clear();
    this.blockers.clear();
    this.moved.clear();
    this.renamedIds.clear();
    this.oldNames.clear();
    this.files.clear();
    this.limits.length = 0;
    this.faults.length = 0;
    this.requests.length = 0;
    this.checkRuns.length = 0;
    this.statuses.length = 0;
  }

  /** Creates or replaces an issue; returns the fixture GitHub would send. */
  issue(repository: string, number: number, fields: IssueFields = {}): RestIssue {
    const key = issueKey(repository, number);
    const previous = this.issues.get(key);
    const api = `https://api.github.com/repos/${repository}`;
    this.repositoryNames.set(this.repositoryId(repository), repository);
    const state = fields.state ?? (previous?.state as 'open' | 'closed' | undefined) ?? 'open';
    const assignees = (fields.assignees ?? previous?.assignees?.map((a) => a.login) ?? []).map((login, i) =>
      user(login, 100 + i),
    );
    const issue: RestIssue = {
      id: fields.id ?? Number(previous?.id ?? 1_000_000 * (1 + (this.hash(repository) % 1000)) + number),
      node_id: `I_${number}`,
      url: `${api}/issues/${number}`,
      repository_url: api,
      labels_url: `${api}/issues/${number}/labels{/name}`,
      comments_url: `${api}/issues/${number}/comments`,
      events_url: `${api}/issues/${number}/events`,
      html_url: `https://github.com/${repository}/issues/${number}`,
      number,
      state,
      state_reason:
        fields.state_reason !== undefined ? fields.state_reason : state === 'closed' ? 'completed' : null,
      title: fields.title ?? previous?.title ?? `Issue ${number}`,
      body: fields.body !== undefined ? fields.body : (previous?.body ?? null),
      user: user('vstinner', 1),
      labels: (
        fields.labels ??
        previous?.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))) ??
        []
      ).map((name, i) => ({
        id: 500 + i,
        node_id: `LA_${i}`,
        url: `${api}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      locked: false,
      comments: 0,
      closed_at: state === 'closed' ? '2026-01-02T00:00:00Z' : null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
      author_association: 'MEMBER',
    };
    this.issues.set(key, issue);
    return issue;
  }

  deleteIssue(repository: string, number: number): void {
    const key = issueKey(repository, number);
    this.issues.delete(key);
    this.parents.delete(key);
    this.blockers.delete(key);
    for (const [child, parent] of [...this.parents]) if (parent === key) this.parents.delete(child);
    for (const [issue, list] of this.blockers)
      this.blockers.set(
        issue,
        list.filter((b) => b !== key),
      );
  }

  /**
   * Transfers an issue to another repository, as GitHub does: it becomes issue `to` there under a new
   * numeric id (GitHub's own: an `issues.transferred` delivery's `changes.new_issue.id` differs from its
   * `issue.id`, as @octokit/webhooks-examples shows, and GitHub's REST API answers the old and the new
   * address with different ids), with its fields, parent, sub-issues and blockers; its old URLs answer 301
   * to the new ones.
   */
  transferIssue(from: [string, number], to: [string, number]): RestIssue {
    const fromKey = issueKey(...from);
    const old = this.issues.get(fromKey);
    if (old === undefined) throw new Error(`no issue ${fromKey} to transfer`);
    const moved = this.issue(...to, {
      title: old.title,
      body: old.body ?? null,
      state: old.state as 'open' | 'closed',
      state_reason: old.state_reason ?? null,
      labels: old.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      assignees: old.assignees?.map((a) => a.login) ?? [],
    });
    const toKey = issueKey(...to);
    this.issues.delete(fromKey);
    this.rekeyEdges((key) => (key === fromKey ? toKey : key));
    for (const [was, now] of this.moved) if (now === fromKey) this.moved.set(was, toKey);
    this.moved.set(fromKey, toKey);
    return moved;
  }

  /**
   * Renames a repository, as GitHub does: its issues keep their numbers and ids under the new name, and
   * every request to the old name answers 301 to `/repositories/ID/…` (GitHub's redirect for a renamed
   * repository), which names it by the id it keeps.
   */
  renameRepository(from: string, to: string): void {
    const id = this.repositoryId(from);
    this.renamedIds.set(to.toLowerCase(), id);
    this.renamedIds.set(from.toLowerCase(), id);
    this.oldNames.add(from.toLowerCase());
    this.repositoryNames.set(id, to);
    const prefix = `${from.toLowerCase()}#`;
    const rekey = (key: string) =>
      key.startsWith(prefix) ? `${to.toLowerCase()}#${key.slice(prefix.length)}` : key;
    for (const [key, issue] of [...this.issues]) {
      if (!key.startsWith(prefix)) continue;
      this.issues.delete(key);
      const text = JSON.stringify(issue)
        .replaceAll(`/${from}/`, `/${to}/`)
        .replaceAll(`/${from}"`, `/${to}"`);
      this.issues.set(rekey(key), JSON.parse(text) as RestIssue);
    }
    this.rekeyEdges(rekey);
    for (const [was, now] of this.moved) this.moved.set(was, rekey(now));
  }

  /** Parents and blockers under the issues' new keys. */
  private rekeyEdges(rekey: (key: string) => string): void {
    const parents = [...this.parents];
    this.parents.clear();
    for (const [child, parent] of parents) this.parents.set(rekey(child), rekey(parent));
    const blockers = [...this.blockers];
    this.blockers.clear();
    for (const [issue, list] of blockers) this.blockers.set(rekey(issue), list.map(rekey));
  }

  /** `child` becomes a sub-issue of `parent` (leaving its previous parent), last in its list. */
  setParent(child: [string, number], parent: [string, number] | null): void {
    const key = issueKey(...child);
    this.parents.delete(key);
    if (parent !== null) this.parents.set(key, issueKey(...parent));
  }

  setBlockedBy(issue: [string, number], blockers: Array<[string, number]>): void {
    this.blockers.set(
      issueKey(...issue),
      blockers.map((b) => issueKey(...b)),
    );
  }

  file(repository: string, path: string, text: string): void {
    this.files.set(`${repository.toLowerCase()}:${path}`, text);
  }

  /** The next requests are refused with a rate limit, one per entry, in order. */
  rateLimit(...kinds: RateLimit[]): void {
    this.limits.push(...kinds);
  }

  /** The next requests fail, one per entry, in order: a 404 or 5xx answer, or none at all. */
  fail(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /**
   * The next request on `path` (`/repos/o/r/issues/1`) is received, then held unanswered until `release()`:
   * `reached` settles once it is held, for a test to change something while a client reads GitHub.
   */
  hold(path: string): { reached: Promise<void>; release: () => void } {
    let reached = () => {};
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.push({ path, reached, released });
    return { reached: held, release };
  }

  /** Requests received on a path (method and path, e.g. `GET /repos/o/r/issues/1/sub_issues`). */
  received(method: string, path: RegExp | string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  private repositoryId(repository: string): number {
    return this.renamedIds.get(repository.toLowerCase()) ?? 1_000 + this.hash(repository);
  }

  private hash(text: string): number {
    let h = 7;
    for (const c of text.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) % 1_000_003;
    return h;
  }

  // --- HTTP ---

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const body: unknown = text === '' || size > FIVE_MB ? undefined : JSON.parse(text);
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    const hold = this.holds.findIndex((h) => h.path === url.pathname);
    if (hold !== -1) {
      const [{ reached, released }] = this.holds.splice(hold, 1) as [(typeof this.holds)[number]];
      reached();
      await released;
    }
    const fault = this.faults.shift();
    if (fault === 'no-answer') return; // the connection stays open until the client gives up (or close())
    if (fault !== undefined) {
      const message =
        fault === 404
          ? 'Not Found'
          : fault === 504
            ? 'We couldn’t respond to your request in time.'
            : 'Server Error';
      res.writeHead(fault, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message, documentation_url: DOCS } satisfies BasicError));
      return;
    }
    const reply =
      size > FIVE_MB
        ? { status: 413, body: { message: 'Payload too large', documentation_url: DOCS } }
        : (this.limited() ?? this.route(method, url, req.headers.authorization ?? '', body));
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private route(method: string, url: URL, authorization: string, body: unknown): Reply {
    const route = `${method} ${url.pathname}`;
    const match = (pattern: RegExp) => pattern.exec(route);

    let m = match(/^GET \/repos\/([^/]+\/[^/]+)\/installation$/);
    if (m) return this.installation(authorization, m[1]!);
    m = match(/^POST \/app\/installations\/(\d+)\/access_tokens$/);
    if (m) return this.accessToken(authorization, Number(m[1]));

    if (this.refused(authorization)) {
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: DOCS } satisfies BasicError,
      };
    }
    // A renamed repository's old name: GitHub answers 301 to the same path under the repository's id.
    m = match(/^GET \/repos\/([^/]+\/[^/]+)(\/.*)$/);
    if (m && this.oldNames.has(m[1]!.toLowerCase())) {
      const location = new URL(url);
      location.pathname = `/repositories/${this.repositoryId(m[1]!)}${m[2]}`;
      const body = { message: 'Moved Permanently', url: location.toString(), documentation_url: DOCS };
      return { status: 301, body: body satisfies BasicError, headers: { location: location.toString() } };
    }
    // GitHub's redirects name the repository by its id: the same routes as by its name.
    m = match(/^GET \/repositories\/(\d+)(\/issues\/\d+(?:\/.*)?)$/);
    if (m) {
      const repository = this.repositoryNames.get(Number(m[1]));
      if (repository === undefined) return NOT_FOUND;
      const renamed = new URL(url);
      renamed.pathname = `/repos/${repository}${m[2]}`;
      return this.route(method, renamed, authorization, body);
    }
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/issues\/(\d+)(\/.*)?$/);
    const movedTo = m ? this.moved.get(issueKey(m[1]!, Number(m[2]))) : undefined;
    if (m && movedTo !== undefined) return this.movedPermanently(url, movedTo, m[3] ?? '');
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/);
    if (m) return found(this.issues.get(issueKey(m[1]!, Number(m[2]))));
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/sub_issues$/);
    if (m) {
      const parent = issueKey(m[1]!, Number(m[2]));
      if (!this.issues.has(parent)) return NOT_FOUND;
      return this.page(
        url,
        [...this.parents].filter(([, p]) => p === parent).flatMap(([c]) => this.issues.get(c) ?? []),
      );
    }
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/dependencies\/blocked_by$/);
    if (m) {
      const key = issueKey(m[1]!, Number(m[2]));
      if (!this.issues.has(key)) return NOT_FOUND;
      return this.page(
        url,
        (this.blockers.get(key) ?? []).flatMap((b) => this.issues.get(b) ?? []),
      );
    }
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/parent$/);
    if (m) {
      const parent = this.parents.get(issueKey(m[1]!, Number(m[2])));
      return found(parent === undefined ? undefined : this.issues.get(parent));
    }
    m = match(/^GET \/repos\/([^/]+\/[^/]+)\/contents\/(.+)$/);
    if (m) return this.content(m[1]!, decodeURIComponent(m[2]!));
    m = match(/^POST \/repos\/([^/]+\/[^/]+)\/check-runs$/);
    if (m) {
      if (this.withoutChecks(authorization)) return CHECKS_REFUSED;
      return this.createCheckRun(m[1]!, body as CheckRunCreateBody);
    }
    m = match(/^PATCH \/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/);
    if (m) return this.updateCheckRun(m[1]!, Number(m[2]), body as CheckRunUpdateBody);
    m = match(/^POST \/repos\/([^/]+\/[^/]+)\/statuses\/([0-9a-f]+)$/);
    if (m) return this.createStatus(m[1]!, m[2]!, body as CommitStatusBody);
    return NOT_FOUND;
  }

  /** The next rate limit asked for, if any. */
  private limited(): Reply | null {
    const limit = this.limits.shift();
    return limit === undefined ? null : this.rateLimited(limit);
  }

  /** GitHub's answer at a transferred issue's old URL: 301 to the issue in its new repository, by id. */
  private movedPermanently(url: URL, to: string, rest: string): Reply {
    const issue = this.issues.get(to)!;
    const repository = issue.repository_url.replace(/^.*\/repos\//, '');
    const location = new URL(url);
    location.pathname = `/repositories/${this.repositoryId(repository)}/issues/${issue.number}${rest}`;
    const body = {
      message: 'Moved Permanently',
      url: location.toString(),
      documentation_url: DOCS,
    } satisfies BasicError;
    return { status: 301, body, headers: { location: location.toString() } };
  }

  private rateLimited(kind: RateLimit): Reply {
    const documentation_url = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
    if (kind === 'secondary' || kind === 'secondary-429') {
      const message =
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
      return {
        status: kind === 'secondary' ? 403 : 429,
        body: { message, documentation_url } satisfies BasicError,
        headers: { 'retry-after': '1' },
      };
    }
    const reset = Math.floor(Date.now() / 1000) + (kind === 'primary' ? 1 : 3600);
    return {
      status: 403,
      body: { message: 'API rate limit exceeded for installation.', documentation_url } satisfies BasicError,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
    };
  }

  private page(url: URL, items: RestIssue[]): Reply {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const u = new URL(url);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return u.toString();
    };
    const links: string[] = [];
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
    const body: RestIssue[] = items.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  /** A token the fake does not know (with an App: any but an installation token it issued). */
  private refused(authorization: string): boolean {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization)?.[1];
    // GitHub takes an App's installation tokens and personal tokens alike.
    if (token !== undefined && (this.installationTokens.has(token) || this.tokens.has(token))) return false;
    return this.options.app !== undefined || this.tokens.size > 0;
  }

  private withoutChecks(authorization: string): boolean {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization)?.[1];
    return token !== undefined && (this.options.tokensWithoutChecks ?? []).includes(token);
  }

  /** True when the request carries a JWT signed by the App's private key, for the App, unexpired. */
  private validJwt(authorization: string): boolean {
    const jwt = /^bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (jwt === undefined || this.appKey === null) return false;
    const [header, payload, signature] = jwt.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return false;
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(this.appKey, Buffer.from(signature, 'base64url'))) return false;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      iss?: unknown;
      exp?: number;
    };
    return String(claims.iss) === String(this.options.app!.id) && (claims.exp ?? 0) > Date.now() / 1000;
  }

  private installation(authorization: string, repository: string): Reply {
    if (!this.validJwt(authorization)) return JWT_REFUSED;
    const entry = Object.entries(this.options.app!.installations).find(
      ([r]) => r.toLowerCase() === repository.toLowerCase(),
    );
    if (entry === undefined) return NOT_FOUND;
    const [, { id, checks }] = entry;
    const installation: Installation = {
      id,
      account: user(repository.split('/')[0]!, 9),
      repository_selection: 'selected',
      access_tokens_url: `${this.url}/app/installations/${id}/access_tokens`,
      repositories_url: `${this.url}/installation/repositories`,
      html_url: `https://github.com/settings/installations/${id}`,
      app_id: this.options.app!.id,
      target_id: 9,
      target_type: 'Organization',
      permissions: {
        metadata: 'read',
        issues: 'read',
        pull_requests: 'read',
        statuses: 'write',
        ...(checks === null ? {} : { checks }),
      },
      events: ['issues', 'sub_issues', 'issue_dependencies', 'pull_request'],
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      single_file_name: null,
      app_slug: 'isoplan',
      suspended_by: null,
      suspended_at: null,
    };
    return { status: 200, body: installation };
  }

  private accessToken(authorization: string, installationId: number): Reply {
    if (!this.validJwt(authorization)) return JWT_REFUSED;
    const token = `ghs_${randomBytes(16).toString('hex')}`;
    this.installationTokens.set(token, installationId);
    const body: InstallationToken = {
      token,
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: { issues: 'read', checks: 'write' },
      repository_selection: 'selected',
    };
    return { status: 201, body };
  }

  private content(repository: string, path: string): Reply {
    const text = this.files.get(`${repository.toLowerCase()}:${path}`);
    if (text === undefined) return NOT_FOUND;
    const api = `https://api.github.com/repos/${repository}/contents/${path}`;
    const file: ContentFile = {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop()!,
      path,
      content: Buffer.from(text).toString('base64'),
      sha: 'f'.repeat(40),
      url: api,
      git_url: null,
      html_url: `https://github.com/${repository}/blob/main/${path}`,
      download_url: null,
      _links: { git: null, html: null, self: api },
    };
    return { status: 200, body: file };
  }

  /** GitHub's own checks of a check run's output: at most 50 annotations, a summary of at most 65,535 bytes. */
  private outputProblem(output: CheckRunCreateBody['output']): string | null {
    if (output === undefined) return null;
    if ((output.annotations?.length ?? 0) > 50) return 'Only 50 annotations are allowed per request';
    if (Buffer.byteLength(output.summary ?? '') > 65_535)
      return 'output.summary is too long (maximum is 65535 characters)';
    for (const a of output.annotations ?? []) {
      if (!a.path || !(a.start_line >= 1) || !(a.end_line >= a.start_line))
        return 'annotation without a path or lines';
    }
    return null;
  }

  private checkRunResponse(
    id: number,
    repository: string,
    body: CheckRunCreateBody,
    annotations: number,
  ): CheckRun {
    const api = `https://api.github.com/repos/${repository}/check-runs/${id}`;
    return {
      id,
      head_sha: body.head_sha,
      node_id: `CR_${id}`,
      external_id: null,
      url: api,
      html_url: `https://github.com/${repository}/runs/${id}`,
      details_url: body.details_url ?? null,
      status: 'completed',
      conclusion: (body.conclusion as CheckRun['conclusion']) ?? null,
      started_at: body.started_at ?? null,
      completed_at: body.completed_at ?? null,
      output: {
        title: body.output?.title ?? null,
        summary: body.output?.summary ?? null,
        text: null,
        annotations_count: annotations,
        annotations_url: `${api}/annotations`,
      },
      name: body.name,
      check_suite: { id: 1 },
      app: null,
      pull_requests: [],
    };
  }

  private createCheckRun(repository: string, body: CheckRunCreateBody): Reply {
    if (!body?.name || !body.head_sha) return unprocessable('name and head_sha are required');
    if (!FULL_SHA.test(body.head_sha)) return unprocessable(`No commit found for SHA: ${body.head_sha}`);
    const problem = this.outputProblem(body.output);
    if (problem !== null) return unprocessable(problem);
    const id = this.nextId++;
    this.checkRuns.push({ id, repository, create: body, updates: [] });
    return {
      status: 201,
      body: this.checkRunResponse(id, repository, body, body.output?.annotations?.length ?? 0),
    };
  }

  private updateCheckRun(repository: string, id: number, body: CheckRunUpdateBody): Reply {
    const run = this.checkRuns.find(
      (r) => r.id === id && r.repository.toLowerCase() === repository.toLowerCase(),
    );
    if (run === undefined) return NOT_FOUND;
    if (body.output !== undefined && (!body.output.title || !body.output.summary)) {
      return unprocessable('output needs a title and a summary');
    }
    const problem = this.outputProblem(body.output as CheckRunCreateBody['output']);
    if (problem !== null) return unprocessable(problem);
    run.updates.push(body);
    const count = [run.create, ...run.updates].reduce((n, b) => n + (b.output?.annotations?.length ?? 0), 0);
    return { status: 200, body: this.checkRunResponse(id, repository, run.create, count) };
  }

  private createStatus(repository: string, sha: string, body: CommitStatusBody): Reply {
    if (!FULL_SHA.test(sha)) return unprocessable('sha must be a 40 character SHA1');
    if (!['error', 'failure', 'pending', 'success'].includes(body?.state))
      return unprocessable('state is invalid');
    if ((body.description?.length ?? 0) > 140) {
      return unprocessable('description is too long (maximum is 140 characters)');
    }
    this.statuses.push({ repository, sha, body });
    const status: CommitStatusResponse = {
      url: `https://api.github.com/repos/${repository}/statuses/${sha}`,
      avatar_url: null,
      id: this.nextId++,
      node_id: 'SC_1',
      state: body.state,
      description: body.description ?? null,
      target_url: body.target_url ?? null,
      context: body.context ?? 'default',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      creator: user('isoplan[bot]', 7),
    };
    return { status: 201, body: status };
  }
}
