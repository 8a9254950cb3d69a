// The dashboard's calls to the isoplan API. Errors are RFC 9457 problem documents;
// they surface as ApiError with the problem's detail, which the page shows as text.

/**
 * The API's types, generated from its OpenAPI document into src/contract/openapi.d.ts
 * (`npm run generate:api-types`): the page reads what the API declares, never a copy.
 * @typedef {import('../contract/openapi.js').components['schemas']} Schemas
 * @typedef {Schemas['Issue']} Issue
 * @typedef {Issue['status']} IssueStatus
 * @typedef {Schemas['Claim']} Claim
 * @typedef {Schemas['Check']} Check
 * @typedef {Schemas['Project']} Project
 * @typedef {Schemas['AuditEvent']} AuditEvent
 * @typedef {Schemas['Plan']} Plan
 * @typedef {Plan['schedule'][string]} ScheduleEntry
 * @typedef {Schemas['ProgressSummary']} ProgressSummary
 * @typedef {Schemas['ValidationViolation']} Violation
 * @typedef {Schemas['IssueValidation']} IssueValidation
 * @typedef {Schemas['ValidationRun']} ValidationRun
 * @typedef {Schemas['Forecast']} Forecast
 */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {unknown} [problem]
   */
  constructor(status, message, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * The server could not be reached: the request never got an answer (the server is down or restarting, the
 * network is cut). The browser says only "Failed to fetch"; the page says this.
 */
export class UnreachableError extends Error {
  constructor() {
    super('the server could not be reached');
    this.name = 'UnreachableError';
  }
}

/**
 * `fetch`, with a request that got no answer as an UnreachableError (an abort stays an AbortError: the
 * page asked for it). A request the browser will not make (a token pasted with a character no header can
 * carry, such as a curly quote) is refused as it is built, with the browser's words: the server is not
 * the cause, and is not said to be.
 * @param {string} url
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function send(url, init) {
  const request = new Request(url, init);
  try {
    return await fetch(request);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new UnreachableError();
  }
}

const TOKEN_KEY = 'isoplan.apiToken';

/**
 * The bearer token, when the service asks for one: for writes, and for reads too when it closes them
 * (ISOPLAN_PUBLIC_READ=0). Kept for this browser tab only, and only ever sent in a header.
 */
export const token = {
  get() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  /** @param {string | null} value */
  set(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** @type {() => boolean} */
let askForReadToken = () => false;

/**
 * Who asks for a token when the service refuses a read (401): the page's prompt. It returns whether
 * a token was given; the read is then made again with it.
 * @param {() => boolean} ask
 */
export function onReadRefused(ask) {
  askForReadToken = ask;
}

/**
 * `fetch` with the tab's token, if any. A read the service refuses for want of a token is made once
 * more with a new one: the one another read was given meanwhile, or the one `ask` gets from the user.
 * @param {string} url
 * @param {RequestInit} init
 * @param {() => boolean} [ask]
 * @returns {Promise<Response>}
 */
async function fetchWithToken(url, init, ask = askForReadToken) {
  const attempt = () => {
    const bearer = token.get();
    /** @type {Record<string, string>} */
    const headers = { .../** @type {Record<string, string>} */ (init.headers ?? {}) };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    return { bearer, response: send(url, { ...init, headers }) };
  };
  const first = attempt();
  const response = await first.response;
  const isRead = (init.method ?? 'GET') === 'GET';
  if (response.status !== 401 || !isRead) return response;
  if (token.get() === first.bearer && !ask()) return response;
  return attempt().response;
}

/**
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
async function request(url, init = {}) {
  const headers = {
    accept: 'application/json',
    .../** @type {Record<string, string>} */ (init.headers ?? {}),
  };
  const response = await fetchWithToken(url, { ...init, headers });
  if (!response.ok) {
    /** @type {any} */
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // not a problem document
    }
    const message = problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message, problem);
  }
  return response;
}

/**
 * @param {string} url
 * @returns {Promise<any>}
 */
async function getJson(url) {
  return (await request(url)).json();
}

/** @param {string} slug */
const projectUrl = (slug) => `/v1/projects/${encodeURIComponent(slug)}`;

/**
 * The project's event stream (text/event-stream), opened with the tab's token; live.js reads it. It never
 * asks for a token itself (it reconnects on its own): the page's reads do.
 * @param {string} slug
 * @param {AbortSignal} signal
 * @returns {Promise<Response>}
 */
export const openEvents = (slug, signal) =>
  fetchWithToken(
    `${projectUrl(slug)}/events`,
    { headers: { accept: 'text/event-stream' }, signal },
    () => false,
  );

/**
 * Every page of a paginated list.
 * @param {string} url
 */
async function getAll(url) {
  /** @type {any[]} */
  const items = [];
  let cursor = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page = await getJson(
      `${url}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** @returns {Promise<Project[]>} */
export const listProjects = () => getAll('/v1/projects');

/**
 * @param {string} slug
 * @returns {Promise<Project>}
 */
export const getProject = (slug) => getJson(projectUrl(slug));

/**
 * @param {string} slug
 * @returns {Promise<Issue[]>}
 */
export const listIssues = (slug) => getAll(`${projectUrl(slug)}/issues`);

/**
 * @param {string} slug
 * @returns {Promise<Plan>}
 */
export const getPlan = (slug) => getJson(`${projectUrl(slug)}/plan`);

/**
 * When the open work lands with the project's team, and how sure: the API's default of 10,000 trials,
 * or `trials` of them.
 * @param {string} slug
 * @param {number} [trials]
 * @returns {Promise<Forecast>}
 */
export const getForecast = (slug, trials) =>
  getJson(`${projectUrl(slug)}/forecast${trials === undefined ? '' : `?trials=${trials}`}`);

/**
 * One page of the project's history, newest first; with `issue`, only that issue's events (its own and
 * its dependencies'), picked by the service: the project's latest page may hold none of them. The next
 * (older) page is read with `nextCursor`, null after the oldest.
 * @param {string} slug
 * @param {{ limit?: number, issue?: string, cursor?: string | null }} [query]
 * @returns {Promise<Schemas['HistoryPage']>}
 */
export function getHistoryPage(slug, { limit = 500, issue, cursor } = {}) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (issue !== undefined) q.set('issue', issue);
  if (cursor) q.set('cursor', cursor);
  return getJson(`${projectUrl(slug)}/history?${q}`);
}

/**
 * The project's latest history (or an issue's), newest first: the first page of getHistoryPage.
 * @param {string} slug
 * @param {number} [limit]
 * @param {string} [issue]
 * @returns {Promise<AuditEvent[]>}
 */
export const getHistory = async (slug, limit = 500, issue) =>
  (await getHistoryPage(slug, { limit, ...(issue === undefined ? {} : { issue }) })).items;

/**
 * The event that deleted the issue `key` (who, when, what it was), or null when its history has none
 * (there never was such an issue, or it left another way: an import).
 * @param {string} slug
 * @param {string} key
 * @returns {Promise<AuditEvent | null>}
 */
export async function getDeletion(slug, key) {
  // The deletion is the issue's last event; the removal of its edges is recorded with it.
  const events = await getHistory(slug, 20, key);
  return events.find((e) => e.action === 'issue.delete' && e.target === key) ?? null;
}

/**
 * The newest validation run, or null when there is none yet; `available` is false when
 * the service does not validate (its validations route answers 404).
 * @param {string} slug
 * @returns {Promise<{ available: boolean, run: ValidationRun | null }>}
 */
export async function latestValidation(slug) {
  try {
    const page = await getJson(`${projectUrl(slug)}/validations?limit=1`);
    const newest = page.items?.[0] ?? null;
    if (newest === null) return { available: true, run: null };
    // The list may hold summaries; the full run (per-issue verdicts, components) is one more read.
    const run = Array.isArray(newest.issues)
      ? newest
      : await getJson(`${projectUrl(slug)}/validations/${encodeURIComponent(newest.id)}`);
    return { available: true, run };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return { available: false, run: null };
    }
    throw error;
  }
}

/**
 * @param {string} slug
 * @returns {Promise<ValidationRun>}
 */
export async function runValidation(slug) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
  return (await request(`${projectUrl(slug)}/validations`, init)).json();
}

/** @param {string} slug @param {string} key */
const issueUrl = (slug, key) => `${projectUrl(slug)}/issues/${encodeURIComponent(key)}`;

/** @type {Record<string, string>} */
const JSON_BODY = { 'content-type': 'application/json' };

/**
 * An issue as the page read it: its revision, and its creation time, which tells it from another issue
 * created under its key since (deleted and created again, the project imported again, the database
 * reset), which may have reached the same revision. The two are what the issue's ETag names
 * (src/store/etag.ts).
 * @typedef {Pick<Issue, 'revision' | 'createdAt'>} IssueVersion
 */

/**
 * Whether two reads show the same issue at the same revision.
 * @param {IssueVersion} a
 * @param {IssueVersion} b
 */
export const sameVersion = (a, b) => a.revision === b.revision && a.createdAt === b.createdAt;

/**
 * Changes an issue with optimistic concurrency. `shown` is the issue as the page shows it: the user
 * decided on that state, so when the issue changed since (or is another issue now), nothing is written
 * and the answer is a 412, as the service gives. The PATCH carries the ETag of that state, so a change
 * between the check and the write is a 412 too.
 * @param {string} slug
 * @param {string} key
 * @param {Schemas['IssuePatch']} patch
 * @param {IssueVersion} [shown]
 * @returns {Promise<Issue>}
 */
export async function patchIssue(slug, key, patch, shown) {
  const headers = { ...JSON_BODY, ...(await ifMatch(slug, key, shown)) };
  const response = await request(issueUrl(slug, key), {
    method: 'PATCH',
    headers,
    body: JSON.stringify(patch),
  });
  return response.json();
}

/**
 * The If-Match header for a write to the issue the page shows as `shown`: the ETag of the issue as the
 * page read it, taken from a fresh read that shows the same issue at the same revision (the tag's format
 * has its home in the service); a 412 at once when the issue changed since the page showed it, or is
 * another one now. Without `shown`, the fresh read's.
 * @param {string} slug
 * @param {string} key
 * @param {IssueVersion} [shown]
 * @returns {Promise<Record<string, string>>}
 */
async function ifMatch(slug, key, shown) {
  const current = await request(issueUrl(slug, key));
  const etag = current.headers.get('etag');
  if (shown !== undefined) {
    /** @type {Issue} */
    const fresh = await current.json();
    if (!sameVersion(fresh, shown)) throw new ApiError(412, `${key} changed since the page showed it`, null);
  }
  return etag ? { 'if-match': etag } : {};
}

/**
 * @param {string} slug
 * @param {string} key
 * @param {IssueStatus} status
 * @param {IssueVersion} [shown]
 * @returns {Promise<Issue>}
 */
export const setIssueStatus = (slug, key, status, shown) => patchIssue(slug, key, { status }, shown);

/**
 * @param {string} slug
 * @param {Schemas['IssueCreate']} issue
 * @returns {Promise<Issue>}
 */
export async function createIssue(slug, issue) {
  const init = { method: 'POST', headers: JSON_BODY, body: JSON.stringify(issue) };
  return (await request(`${projectUrl(slug)}/issues`, init)).json();
}

/**
 * Deletes an issue (and its dependencies), if it is still as the page shows it.
 * @param {string} slug
 * @param {string} key
 * @param {IssueVersion} [shown]
 */
export async function deleteIssue(slug, key, shown) {
  await request(issueUrl(slug, key), { method: 'DELETE', headers: await ifMatch(slug, key, shown) });
}

/**
 * `key` is blocked by `blocker` from now on; a cycle is an ApiError 409 whose problem has `cycle`.
 * @param {string} slug
 * @param {string} key
 * @param {string} blocker
 */
export async function addBlocker(slug, key, blocker) {
  await request(`${issueUrl(slug, key)}/blocked-by/${encodeURIComponent(blocker)}`, { method: 'PUT' });
}

/**
 * @param {string} slug
 * @param {string} key
 * @param {string} blocker
 */
export async function removeBlocker(slug, key, blocker) {
  await request(`${issueUrl(slug, key)}/blocked-by/${encodeURIComponent(blocker)}`, { method: 'DELETE' });
}

/**
 * The plan as if the given issues were done; writes nothing.
 * @param {string} slug
 * @param {string[]} done
 * @returns {Promise<Plan>}
 */
export async function whatIf(slug, done) {
  const init = { method: 'POST', headers: JSON_BODY, body: JSON.stringify({ done }) };
  return (await request(`${projectUrl(slug)}/plan/what-if`, init)).json();
}
