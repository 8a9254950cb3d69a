// GitHub webhooks: `receive` checks a delivery's signature and its id (a repeated X-GitHub-Delivery is
// ignored) and answers at once; `handleDelivery` does the work, a plain call that a job can make, or that
// `schedule` makes in this process after the answer (GitHub waits 10 s for one).
//
// A delivery id is claimed as its handling starts, atomically across replicas (github-delivery-store.ts):
// of two replicas receiving the same redelivery at once, exactly one handles it, and the other logs that
// it left it to the one that claimed it. It is marked handled once handled. A claim whose handling failed
// is given up, so that GitHub's redelivery is taken; one whose process crashed while handling it goes
// stale and a redelivery is taken after DELIVERY_CLAIM_STALE_MS; one that was only waiting its turn when
// its process stopped was never claimed, and its redelivery is taken at once.
//
// What each event does to the linked projects that hold the issues it names, always from what GitHub
// holds now (fetched fresh, once per delivery for all those projects: sharedReads), so that deliveries
// arriving out of order converge:
// - `issues` (opened, edited, closed, reopened, labeled, unlabeled, assigned, unassigned): the issue's
//   fields; deleted: it leaves; transferred: it moves under its new key, keeping claims and checks. The
//   meta issue itself transferred: the project follows it (a sync at its new address relinks the project
//   there, github-sync-service.ts); deleted: the project is kept as it is, and a warning logged.
// - `sub_issues` (sub_issue_added/removed, parent_issue_added/removed): the sub-issue's parent now; under
//   an issue of the tree it comes in with its own sub-issues and blockers, else it leaves with them.
// - `issue_dependencies` (blocked_by_added/removed, blocking_added/removed): the blocked issue's blockers
//   now, fetching those the project does not know.
// - `pull_request` (opened, synchronize, reopened, edited): the issues it would close (closing keywords,
//   on the default branch) are the `done` set of a CI check, posted as a check run or a commit status; a
//   check an edit (of the body or the base branch) leaves behind, of a project it no longer closes issues
//   of or under a name it changed, is replaced by a neutral check of nothing done.
// - `label` (edited in its name, deleted): GitHub sends no `issues` event for the issues that carry it;
//   those of the label's repository that a linked project holds are read again, as `issues.edited`.
// Events for repositories or issues no project is linked to are acknowledged and ignored.

import { GITHUB_REQUESTER } from '../domain/access/actors.js';
import { closingReferences } from '../domain/github/closing-references.js';
import type { GithubIssue } from '../domain/github/github-issue.js';
import {
  attachSubtree,
  detachIssue,
  inTree,
  removeIssue,
  replaceIssue,
  setBlockers,
} from '../domain/github/github-state.js';
import { issueRefOfKey, keysOfIssues } from '../domain/github/issue-key.js';
import { formatIssueRef, type IssueRef, sameRepository } from '../domain/github/repository.js';
import type { GithubLink } from '../domain/model.js';
import type { GithubClient } from '../integrations/github/github-client.js';
import { GithubNotFoundError, WebhookSignatureError } from '../integrations/github/github-errors.js';
import { type RestIssue, toGithubIssue } from '../integrations/github/rest-issue.js';
import {
  createWebhookDispatcher,
  type EmitterWebhookEvent,
  type HandledEventName,
  ISSUE_FIELD_ACTIONS,
  PULL_REQUEST_ACTIONS,
  parseDelivery,
  WEBHOOK_EVENTS,
  type WebhookVerifier,
} from '../integrations/github/webhooks.js';
import type { GithubDeliveryStore, GithubLinkStore, IssueStore, LinkedProject } from '../store/types.js';
import { type CiCheckService, ciCheckRunUrls } from './ci-check-service.js';
import { GITHUB_CHECK_NAME, type GithubCiCheckService } from './github-ci-check-service.js';
import type { GithubChangeSummary, GithubSyncService } from './github-sync-service.js';
import type { ProjectEventPublisher } from './project-events.js';
import { LOCAL_CALLER } from './validation-service.js';

/** The URL changes made by webhooks carry on the event stream. */
export const WEBHOOK_PATH = '/v1/github/webhook';

/** A delivery taken: what `handleDelivery` needs (a job can carry it as is). */
export interface GithubDelivery {
  /** X-GitHub-Delivery. */
  id: string;
  /** X-GitHub-Event. */
  name: string;
  payload: unknown;
  /** The service's origin as GitHub reached it: check runs link back to it. Null: no links. */
  origin: string | null;
}

export type ReceiveOutcome = 'accepted' | 'repeated' | 'ignored';

/** What a delivery did to one project. */
export type ProjectOutcome =
  | ({ kind: 'changed' } & GithubChangeSummary)
  | {
      kind: 'checked';
      project: string;
      done: string[];
      conclusion: string;
      posted: 'check-run' | 'commit-status';
    };

export interface DeliveryOutcome {
  delivery: string;
  event: string;
  action: string | null;
  /** False: another replica claimed (or handled) it first, and nothing was done here. */
  claimed: boolean;
  projects: ProjectOutcome[];
}

/** A pino-style logger (the app's): structured data first, then the message. */
export interface ServiceLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface GithubWebhookServiceDeps {
  /** Null when no webhook secret is configured: every delivery is refused (401). */
  verifier: WebhookVerifier | null;
  deliveries: GithubDeliveryStore;
  links: Pick<GithubLinkStore, 'list' | 'withIssues'>;
  issues: Pick<IssueStore, 'listPlanRows' | 'list'>;
  github: GithubClient;
  sync: Pick<GithubSyncService, 'change' | 'readTree' | 'sync'>;
  ciChecks: Pick<CiCheckService, 'run'>;
  githubCiChecks: GithubCiCheckService;
  events?: ProjectEventPublisher;
  log?: ServiceLog;
}

export interface GithubWebhookService {
  /**
   * Checks the signature (WebhookSignatureError, 401, when missing or wrong: nothing is recorded), reads
   * the payload (JSON, or a form's `payload` field; WebhookPayloadError, 400, when it cannot be read:
   * nothing is recorded). `accepted`: `delivery` is to be handled; `repeated`: handled before, being
   * handled by a replica, or waiting its turn in this process; `ignored`: an event isoplan does not
   * subscribe to (`ping` among them).
   */
  receive(input: {
    id: string;
    name: string;
    signature: string | undefined;
    /** The bytes GitHub signed. */
    body: string;
    /** The request's Content-Type: `application/json` or `application/x-www-form-urlencoded`. */
    contentType: string | undefined;
    origin: string | null;
  }): Promise<{ outcome: ReceiveOutcome; delivery?: GithubDelivery }>;
  /**
   * Claims the delivery's id (atomically: another replica may have claimed it, then nothing is done and
   * `claimed` is false), does its work, then records it handled (a redelivery is then `repeated`); when
   * the work fails, gives up the claim (the redelivery is taken) and throws.
   */
  handleDelivery(delivery: GithubDelivery): Promise<DeliveryOutcome>;
  /** Handles the delivery in this process, one at a time, after the caller answered (one that fails is logged). */
  schedule(delivery: GithubDelivery): void;
  /** Resolves when every scheduled delivery is handled. */
  idle(): Promise<void>;
}

const silent: ServiceLog = { info: () => {}, warn: () => {}, error: () => {} };

const issueName = (issue: IssueRef) => formatIssueRef(issue).toLowerCase();

/**
 * One delivery's reads of GitHub, each made once for all the linked projects it concerns, so that a
 * burst of deliveries about a busy repository costs GitHub one request per read, however many projects
 * hold its issues (the rate limit). An answer is GitHub's whichever project asked; only an answer of
 * nothing (null: not found, no parent) is asked again through another project's home, since with a
 * GitHub App not installed on the issue's repository the home's installation reads it, and another may
 * see it. `what` names the read (its issue included).
 */
function sharedReads() {
  const answers = new Map<string, unknown>();
  const noneVia = new Set<string>();
  return async <T>(what: string, home: string, read: () => Promise<T | null>): Promise<T | null> => {
    if (answers.has(what)) return answers.get(what) as T;
    const via = `${what} via ${home.toLowerCase()}`;
    if (noneVia.has(via)) return null;
    const answer = await read();
    if (answer === null) noneVia.add(via);
    else answers.set(what, answer);
    return answer;
  };
}

/** The repository an event's issue belongs to: its repository_url, else the event's repository. */
function issueOf(raw: RestIssue, repository: string | undefined): GithubIssue {
  return toGithubIssue(raw, repository);
}

export function createGithubWebhookService(deps: GithubWebhookServiceDeps): GithubWebhookService {
  const log = deps.log ?? silent;
  const dispatcher = createWebhookDispatcher();
  /** What the handlers of each delivery (by id) did, while it is handled. */
  const running = new Map<string, { delivery: GithubDelivery; projects: ProjectOutcome[] }>();

  const changed = (project: string, summary: GithubChangeSummary): ProjectOutcome => {
    const any =
      summary.added.length + summary.changed.length + summary.removed.length + summary.renamed.length > 0 ||
      summary.dependencies.added.length + summary.dependencies.removed.length > 0;
    if (any) deps.events?.publish({ type: 'change', project, method: 'POST', url: WEBHOOK_PATH });
    for (const r of summary.refused) {
      log.warn(
        { project, edge: r, cycle: r.cycle },
        `GitHub edge ${r.issue} <- ${r.blockedBy} would close a cycle: not stored`,
      );
    }
    return { kind: 'changed', ...summary };
  };

  const repositoryClient = (issue: IssueRef, home: string) => deps.github.repository(issue.repository, home);

  /** The issue as GitHub has it now, or null when it is gone. */
  async function fresh(issue: IssueRef, home: string): Promise<GithubIssue | null> {
    try {
      return await (await repositoryClient(issue, home)).getIssue(issue.number);
    } catch (error) {
      if (error instanceof GithubNotFoundError) return null;
      throw error;
    }
  }

  /**
   * The link's meta issue is gone from GitHub (deleted): the project is kept as it is, rather than emptied
   * (its claims and checks are isoplan's own), and the log says what to do.
   */
  function metaIssueLeft(project: string, link: GithubLink, what: string): void {
    log.warn(
      { project, link },
      `the meta issue ${link.repository}#${link.issue} of project ${project} ${what}: the project is kept as it is; ` +
        `link it to the meta issue now (PUT /v1/projects/${project}/github), or unlink it`,
    );
  }

  const isMetaIssue = (issue: GithubIssue, link: GithubLink) =>
    sameRepository(issue.repository, link.repository) && issue.number === link.issue;

  /** The project follows its meta issue to `to`: read in full at its new address, relinked there. */
  async function followMovedMetaIssue(id: string, project: string, link: GithubLink, to: GithubIssue) {
    const moved = { ...link, repository: to.repository, issue: to.number };
    const summary = await deps.sync.sync(project, { link: moved });
    log.info({ project, from: link, to: moved }, `the meta issue of project ${project} moved: relinked`);
    running.get(id)?.projects.push(changed(project, summary));
  }

  /**
   * The issue as GitHub has it now, for each project that holds it (read once: sharedReads). The meta
   * issue is not read again to find out whether it moved: GitHub gives a transferred issue a new id, so an
   * issue a project holds (by id) in another repository than the link's is never the meta issue moved
   * there. The meta issue moved shows when a delivery names it at its old address (its own `transferred`,
   * or an earlier one delivered late): GitHub answers that address from its new home (a 301, followed). A
   * delivery about it at its new address names an id no project holds, and is ignored; the next sync
   * follows the move.
   */
  async function issueFields(id: string, issue: GithubIssue) {
    const read = sharedReads();
    for (const { project, link } of await deps.links.withIssues([issue.id])) {
      const now = await read(issueName(issue), link.repository, () => fresh(issue, link.repository));
      if (now === null && isMetaIssue(issue, link)) {
        metaIssueLeft(project, link, 'is gone from GitHub');
        continue;
      }
      if (now !== null && isMetaIssue(issue, link) && !sameRepository(now.repository, link.repository)) {
        await followMovedMetaIssue(id, project, link, now);
        continue;
      }
      // The meta issue by its id (removeIssue keeps it), named in a repository renamed since: kept too.
      let metaGone = false;
      const summary = await deps.sync.change(project, (state) => {
        if (now === null) metaGone = !removeIssue(state, issue.id);
        else replaceIssue(state, issue.id, now);
      });
      if (metaGone) metaIssueLeft(project, link, 'is gone from GitHub');
      else running.get(id)?.projects.push(changed(project, summary));
    }
  }

  async function issueDeleted(id: string, issue: GithubIssue) {
    for (const { project, link } of await deps.links.withIssues([issue.id])) {
      if (isMetaIssue(issue, link)) {
        metaIssueLeft(project, link, 'was deleted on GitHub');
        continue;
      }
      let metaGone = false;
      const summary = await deps.sync.change(project, (state) => {
        metaGone = !removeIssue(state, issue.id);
      });
      if (metaGone) metaIssueLeft(project, link, 'was deleted on GitHub');
      else running.get(id)?.projects.push(changed(project, summary));
    }
  }

  async function issueTransferred(id: string, from: GithubIssue, to: GithubIssue) {
    const read = sharedReads();
    for (const { project, link } of await deps.links.withIssues([from.id])) {
      if (isMetaIssue(from, link)) {
        await followMovedMetaIssue(id, project, link, to);
        continue;
      }
      const now = (await read(issueName(to), link.repository, () => fresh(to, link.repository))) ?? to;
      const summary = await deps.sync.change(project, (state) => {
        replaceIssue(state, from.id, now);
      });
      running.get(id)?.projects.push(changed(project, summary));
    }
  }

  /** Where `child` hangs now decides whether it (with what is under it) is in the project. */
  async function subIssueMoved(id: string, child: GithubIssue, parent: GithubIssue) {
    const read = sharedReads();
    for (const { project, link } of await deps.links.withIssues([child.id, parent.id])) {
      const home = link.repository;
      const parentNow = await read(`the parent of ${issueName(child)}`, home, async () =>
        (await repositoryClient(child, home)).getParent(child.number),
      );
      const holdsParent =
        parentNow !== null &&
        (await deps.links.withIssues([parentNow.id])).some((p) => p.project === project);
      const tree = holdsParent
        ? await read(`the tree of ${issueName(child)}`, home, () => deps.sync.readTree(child, home))
        : null;
      const summary = await deps.sync.change(project, (state) => {
        if (tree !== null && parentNow !== null && inTree(state, parentNow.id))
          attachSubtree(state, tree, parentNow.id);
        else detachIssue(state, child.id);
      });
      running.get(id)?.projects.push(changed(project, summary));
    }
  }

  async function blockersChanged(id: string, blocked: GithubIssue) {
    const read = sharedReads();
    for (const { project, link } of await deps.links.withIssues([blocked.id])) {
      const home = link.repository;
      const blockers = (await read(`the blockers of ${issueName(blocked)}`, home, async () =>
        (await repositoryClient(blocked, home)).listBlockedBy(blocked.number),
      ))!;
      const summary = await deps.sync.change(project, (state) => {
        if (inTree(state, blocked.id)) setBlockers(state, blocked.id, blockers);
      });
      running.get(id)?.projects.push(changed(project, summary));
    }
  }

  /** Keys of the project's issues that carry the label, as stored (GitHub's own case). */
  async function keysLabelled(project: string, label: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.issues.list(project, { label }, { limit: 1000, cursor });
      keys.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return keys;
  }

  /** The label (by its name before the event) changed in `repository`: its issues are read again. */
  async function labelChanged(id: string, repository: string, label: string) {
    const read = sharedReads();
    for (const { project, link } of await deps.links.list()) {
      const refs = (await keysLabelled(project, label))
        .map((key) => issueRefOfKey(link.repository, key))
        .filter((ref): ref is IssueRef => ref !== null && sameRepository(ref.repository, repository));
      if (refs.length === 0) continue;
      const now: GithubIssue[] = [];
      for (const ref of refs) {
        // Gone (null): its own `issues.deleted` delivery takes it out.
        const issue = await read(issueName(ref), link.repository, () => fresh(ref, link.repository));
        if (issue !== null) now.push(issue);
      }
      const summary = await deps.sync.change(project, (state) => {
        for (const issue of now) replaceIssue(state, issue.id, issue);
      });
      running.get(id)?.projects.push(changed(project, summary));
    }
  }

  /**
   * For each set of refs, the linked projects that hold issues among it, with the keys of those issues;
   * each project's keys read once for all the sets (an edit asks for the body before and after).
   */
  async function projectsClosedBy(...refSets: Array<ReturnType<typeof closingReferences>>) {
    const concerned = refSets.map(() => [] as Array<LinkedProject & { done: string[] }>);
    if (refSets.every((refs) => refs.length === 0)) return concerned;
    for (const linked of await deps.links.list()) {
      const { issues } = await deps.issues.listPlanRows(linked.project);
      const keys = issues.map((i) => i.key);
      refSets.forEach((refs, set) => {
        const done = refs.length === 0 ? [] : keysOfIssues(linked.link.repository, refs, keys);
        if (done.length > 0) concerned[set]!.push({ ...linked, done });
      });
    }
    return concerned;
  }

  async function pullRequest(id: string, event: EmitterWebhookEvent<'pull_request'>) {
    const { payload } = event;
    const pr = payload.pull_request;
    const repository = payload.repository.full_name;
    // GitHub closes issues by keyword only for pull requests into the default branch.
    const closes = (body: string | null, base: string) =>
      base === payload.repository.default_branch ? closingReferences(body, repository) : [];
    const closesNow = closes(pr.body, pr.base.ref);
    let before: Array<LinkedProject & { done: string[] }> = [];
    let now: Array<LinkedProject & { done: string[] }>;
    if (payload.action === 'edited') {
      const { body, base } = payload.changes;
      if (body === undefined && base === undefined) return;
      const closedBefore = closes(body?.from ?? pr.body, base?.ref.from ?? pr.base.ref);
      [before = [], now = []] = await projectsClosedBy(closedBefore, closesNow);
    } else [now = []] = await projectsClosedBy(closesNow);
    const nameAmong = (all: unknown[], project: string) =>
      all.length === 1 ? GITHUB_CHECK_NAME : `${GITHUB_CHECK_NAME}/${project}`;
    // A check the edit leaves behind (of a project it no longer closes issues of, or under a name that
    // changed as the number of projects did: `isoplan` and `isoplan/<project>`) gets a check of nothing done
    // (neutral) in its place, else its verdict (a failure blocking the merge) would stay on this commit.
    // Posted first: where the names agree, the check of what the pull request closes now is the latest.
    const current = now.map((linked) => ({ ...linked, name: nameAmong(now, linked.project) }));
    const left = before
      .map((linked) => ({ ...linked, done: [], name: nameAmong(before, linked.project) }))
      .filter((b) => !current.some((c) => c.name === b.name));
    const checks = [...left, ...current];
    const delivery = running.get(id)?.delivery;
    for (const { project, link, done, name } of checks) {
      const run = await deps.ciChecks.run(
        project,
        { done, sha: pr.head.sha },
        delivery?.origin ? ciCheckRunUrls(delivery.origin) : null,
        { ...LOCAL_CALLER, requester: GITHUB_REQUESTER },
      );
      const posted = await deps.githubCiChecks.post(run, {
        repository,
        name,
        // The project document annotations point at lives in the link's repository.
        document: link.repository.toLowerCase() === repository.toLowerCase() ? link.document : null,
      });
      running
        .get(id)
        ?.projects.push({ kind: 'checked', project, done, conclusion: run.conclusion, posted: posted.kind });
    }
  }

  dispatcher.on(
    ISSUE_FIELD_ACTIONS.map((a) => `issues.${a}` as const),
    (event) =>
      issueFields(event.id, issueOf(event.payload.issue as RestIssue, event.payload.repository.full_name)),
  );
  dispatcher.on('issues.deleted', (event) =>
    issueDeleted(event.id, issueOf(event.payload.issue as RestIssue, event.payload.repository.full_name)),
  );
  dispatcher.on('issues.transferred', (event) =>
    issueTransferred(
      event.id,
      issueOf(event.payload.issue as RestIssue, event.payload.repository.full_name),
      issueOf(event.payload.changes.new_issue as RestIssue, event.payload.changes.new_repository.full_name),
    ),
  );
  dispatcher.on('sub_issues', (event) => {
    const { payload } = event;
    if (payload.sub_issue === undefined || payload.parent_issue === undefined) return undefined;
    const childRepository = 'sub_issue_repo' in payload ? payload.sub_issue_repo?.full_name : undefined;
    const parentRepository =
      'parent_issue_repo' in payload ? payload.parent_issue_repo?.full_name : undefined;
    return subIssueMoved(
      event.id,
      issueOf(payload.sub_issue as RestIssue, childRepository ?? payload.repository?.full_name),
      issueOf(payload.parent_issue as RestIssue, parentRepository ?? payload.repository?.full_name),
    );
  });
  dispatcher.on('issue_dependencies', (event) => {
    const { payload } = event;
    if (payload.blocked_issue === undefined) return undefined;
    const blockedRepository =
      'blocked_issue_repo' in payload ? payload.blocked_issue_repo?.full_name : undefined;
    return blockersChanged(
      event.id,
      issueOf(payload.blocked_issue as RestIssue, blockedRepository ?? payload.repository.full_name),
    );
  });
  dispatcher.on(
    PULL_REQUEST_ACTIONS.map((a) => `pull_request.${a}` as const),
    (event) => pullRequest(event.id, event as EmitterWebhookEvent<'pull_request'>),
  );

  dispatcher.on('label.edited', (event) => {
    const from = event.payload.changes?.name?.from;
    if (from === undefined) return undefined; // its colour or description: nothing isoplan keeps
    return labelChanged(event.id, event.payload.repository!.full_name, from);
  });
  dispatcher.on('label.deleted', (event) =>
    labelChanged(event.id, event.payload.repository!.full_name, event.payload.label.name),
  );

  let tail: Promise<void> = Promise.resolve();
  /** Ids of the deliveries taken by this process and not handled yet. */
  const waiting = new Set<string>();

  const service: GithubWebhookService = {
    async receive({ id, name, signature, body, contentType, origin }) {
      if (deps.verifier === null) {
        throw new WebhookSignatureError('no webhook secret is configured (ISOPLAN_GITHUB_WEBHOOK_SECRET)');
      }
      if (signature === undefined || signature === '') {
        throw new WebhookSignatureError('the X-Hub-Signature-256 header is missing');
      }
      if (!(await deps.verifier.verify(body, signature))) {
        throw new WebhookSignatureError('the X-Hub-Signature-256 signature does not match the body');
      }
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(name)) return { outcome: 'ignored' };
      const payload = parseDelivery(name as HandledEventName, body, contentType);
      // Taken before the look in the database: a repeat arriving meanwhile finds it waiting.
      if (waiting.has(id)) return { outcome: 'repeated' };
      waiting.add(id);
      try {
        if (await deps.deliveries.taken(id)) {
          waiting.delete(id);
          return { outcome: 'repeated' };
        }
      } catch (error) {
        waiting.delete(id);
        throw error;
      }
      return { outcome: 'accepted', delivery: { id, name, payload, origin } };
    },

    async handleDelivery(delivery) {
      const action = (delivery.payload as { action?: unknown }).action;
      const outcome = (claimed: boolean, projects: ProjectOutcome[]): DeliveryOutcome => ({
        delivery: delivery.id,
        event: delivery.name,
        action: typeof action === 'string' ? action : null,
        claimed,
        projects,
      });
      const claim = await deps.deliveries.claim(delivery.id, delivery.name);
      if (claim === null) return outcome(false, []);
      const entry = { delivery, projects: [] as ProjectOutcome[] };
      running.set(delivery.id, entry);
      try {
        await dispatcher.receive({
          id: delivery.id,
          name: delivery.name,
          payload: delivery.payload,
        } as EmitterWebhookEvent);
      } catch (error) {
        await deps.deliveries.release(claim).catch(() => {}); // else it is retaken once stale
        // The handler's own error, not the dispatcher's wrapper.
        const errors = (error as { errors?: unknown[] }).errors;
        throw errors?.[0] ?? error;
      } finally {
        running.delete(delivery.id);
      }
      await deps.deliveries.record(delivery.id, delivery.name);
      return outcome(true, entry.projects);
    },

    schedule(delivery) {
      tail = tail
        .then(() => service.handleDelivery(delivery))
        .then(
          (outcome) => {
            const projects = outcome.projects.map((p) => p.project);
            log.info(
              { delivery: delivery.id, event: delivery.name, action: outcome.action, projects },
              outcome.claimed
                ? 'GitHub delivery handled'
                : 'GitHub delivery left to the replica that claimed it (or handled it) first',
            );
          },
          (error: unknown) => {
            log.error(
              { delivery: delivery.id, event: delivery.name, err: error },
              // GitHub does not redeliver a failed delivery (a 202 was its answer): a person must, or a sync.
              'GitHub delivery failed: what it changed is not applied, and GitHub does not send it again by itself; ' +
                "redeliver it (the webhook's Recent Deliveries on GitHub: its redelivery is taken) or sync the " +
                'projects it concerns (POST /v1/projects/PROJECT/github/sync)',
            );
          },
        )
        .finally(() => waiting.delete(delivery.id));
    },

    idle: () => tail,
  };
  return service;
}
