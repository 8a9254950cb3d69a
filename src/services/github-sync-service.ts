// Keeping a project in sync with its meta issue on GitHub.
//
// `sync(project)` reads the meta issue, its sub-issues recursively (every page) and each issue's blockers
// (every page), then applies the synced document (src/domain/github/synced-document.ts) through the
// store's all-or-nothing apply: nothing is written before everything was read, so a 404, refused
// credentials or a rate limit leave the project as it was. `change(project, …)` is the webhooks' way in:
// the GitHub part of the stored project, changed by what an event said (with what was fetched fresh),
// applied the same way. Both are plain calls that a job can make.
//
// A meta issue transferred to another repository is followed: GitHub answers its old address with a 301
// to the new one (fetch follows it), so the meta issue read is where it lives now, and the sync relinks
// the project there (audited `github.link`, the summary's `relinked`), as `PUT …/github` with the new
// address and a sync would: keys are those of the new home (`gh-N` there; the sub-issues left behind
// `OWNER:REPO:gh-N`), each issue renamed with its claims, checks and estimates, and the edges and parents
// of isoplan's own issues follow. A `write` token's sync relinks too, though linking is otherwise
// `admin`'s: the link is admin's so that no writer can point a project at an issue of their choosing, and
// here the caller chooses nothing: GitHub's redirect does, after a transfer that needed write access to
// both repositories of one owner. The webhook's `transferred` delivery follows it with no token at all;
// refusing the writer's sync would only leave every sync failing until an admin came (the move is in the
// audit trail and the summary for them to see).
//
// GitHub gives a transferred issue a new numeric id. Without its `transferred` delivery, a sync that
// finds in the tree an issue the project does not hold reads the old address of each GitHub issue the
// project holds that the tree lacks: one that answers from a new address (the 301) with that new issue is
// the same issue (transferredIds), renamed rather than removed and added, its claims and history kept.
// Whether there is anything to read is seen in the project as the sync's write reads it: a sync that finds
// something to read (src/domain/github/transfer-lookup.ts) leaves that write unwritten, reads GitHub, and
// writes again; any other sync reads the project once, in its write.
//
// Edges that would close a cycle are not stored: they are reported (the sync's summary, a webhook's log)
// and the rest goes on. After each change, `issue.unblocked` goes out for every issue whose last open
// blocker was finished.
import { GITHUB_ACTOR } from '../domain/access/actors.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { GithubIssue } from '../domain/github/github-issue.js';
import {
  type GithubState,
  type GithubTree,
  type GithubTreeNode,
  stateFromDocument,
  stateFromTree,
} from '../domain/github/github-state.js';
import { renamedHome } from '../domain/github/renamed-home.js';
import { formatIssueRef, type IssueRef, sameGithubLink, sameIssue } from '../domain/github/repository.js';
import { type RefusedDependency, syncedDocument } from '../domain/github/synced-document.js';
import { type TransferLookup, transferLookup } from '../domain/github/transfer-lookup.js';
import type { GithubLink, ProjectDocument } from '../domain/model.js';
import { newlyUnblocked, type UnblockedIssue } from '../domain/plan/newly-unblocked.js';
import type { GithubClient, GithubRepositoryClient } from '../integrations/github/github-client.js';
import { GithubNotFoundError } from '../integrations/github/github-errors.js';
import type { Actor, DocumentChanges, GithubLinkStore, ProjectDocumentStore } from '../store/types.js';
import type { ProjectEventPublisher } from './project-events.js';

/** Issues read at a time from GitHub (each costs two paginated requests). */
const READ_CONCURRENCY = 4;

export interface SyncProgress {
  /** Issues whose sub-issues and blockers have been read. */
  read: number;
  /** Issues found so far (read or waiting). */
  found: number;
}

export interface SyncOptions {
  /** Links (or relinks) the project first, in the same transaction; the project is created when missing. */
  link?: GithubLink;
  onProgress?: (progress: SyncProgress) => void;
  /** Who asked for the sync, the audit trail's actor (a token's name); `github` unless said. */
  by?: Actor;
  /**
   * Asked once GitHub was read and before anything is written, with the link where GitHub has the meta
   * issue now (its 301 followed); throws to refuse the sync, and nothing is written.
   */
  authorize?: (followed: GithubLink) => void;
}

/** What a sync or a webhook changed. */
export interface GithubChangeSummary {
  project: string;
  created: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  renamed: Array<{ from: string; to: string }>;
  dependencies: DocumentChanges['dependencies'];
  /** GitHub edges not stored because they would close a cycle. */
  refused: RefusedDependency[];
  unblocked: UnblockedIssue[];
}

export interface SyncSummary extends GithubChangeSummary {
  link: GithubLink;
  /**
   * The meta issue was found transferred (GitHub answered the link's address with a 301): the project
   * was relinked from the link it was synced with to where the meta issue is now. Null otherwise (and
   * when the project was linked there already: a body naming its old address).
   */
  relinked: { from: GithubLink; to: GithubLink } | null;
  /** Issues read from GitHub: the tree and the blockers of its issues. */
  read: number;
}

export interface GithubSyncServiceDeps {
  github: GithubClient;
  documents: Pick<ProjectDocumentStore, 'apply'>;
  links: Pick<GithubLinkStore, 'get'>;
  events?: ProjectEventPublisher;
  now?: () => Date;
}

export interface GithubSyncService {
  sync(project: string, options?: SyncOptions): Promise<SyncSummary>;
  /** An issue and its sub-issues, recursively, each with its blockers; `home` is the meta issue's repository. */
  readTree(root: IssueRef, home: string, onProgress?: (progress: SyncProgress) => void): Promise<GithubTree>;
  /**
   * Applies `change` to the GitHub part of the stored project (nothing when the project is not linked or
   * was never synced). NotFoundError for an unknown project. When the change shows the meta issue's
   * repository renamed (renamed-home.ts), the project is synced instead, which relinks it there.
   */
  change(
    project: string,
    change: (state: GithubState, link: GithubLink) => void,
  ): Promise<GithubChangeSummary>;
}

export function createGithubSyncService(deps: GithubSyncServiceDeps): GithubSyncService {
  const now = deps.now ?? (() => new Date());

  async function readTree(
    root: IssueRef,
    home: string,
    onProgress?: (progress: SyncProgress) => void,
  ): Promise<GithubTree> {
    const clients = new Map<string, Promise<GithubRepositoryClient>>();
    const clientOf = (repository: string) => {
      const id = repository.toLowerCase();
      let client = clients.get(id);
      if (client === undefined) {
        client = deps.github.repository(repository, home);
        clients.set(id, client);
      }
      return client;
    };
    const top = await (await clientOf(root.repository)).getIssue(root.number);
    const nodes: GithubTreeNode[] = [{ issue: top, parent: null, blockers: [] }];
    const seen = new Set<number>([top.id]);
    /** Issues listed, then gone from GitHub before their own lists were read (deleted meanwhile). */
    const gone = new Set<number>();
    let next = 0;
    let read = 0;
    // A few workers take the issues in order of discovery (breadth first) until none is left.
    const worker = async () => {
      while (next < nodes.length) {
        const node = nodes[next++]!;
        const client = await clientOf(node.issue.repository);
        let subIssues: GithubIssue[];
        let blockers: GithubIssue[];
        try {
          [subIssues, blockers] = await Promise.all([
            client.listSubIssues(node.issue.number),
            client.listBlockedBy(node.issue.number),
          ]);
        } catch (error) {
          // A sub-issue deleted on GitHub while a long sync read the tree is gone, as the next sync would
          // find it: not a 404 for the whole sync. The meta issue gone is one (nothing is applied). Gone
          // only when GitHub no longer has it here: a list refused while the issue still answers is an error
          // to say, never a reason to drop the issue and all under it with their claims and checks.
          if (!(error instanceof GithubNotFoundError) || node.parent === null) throw error;
          if (await stillHere(client, node.issue)) throw error;
          gone.add(node.issue.id);
          subIssues = [];
          blockers = [];
        }
        node.blockers = blockers;
        for (const sub of subIssues) {
          if (seen.has(sub.id)) continue; // GitHub forbids it; a compatible server might not
          seen.add(sub.id);
          nodes.push({ issue: sub, parent: node.issue.id, blockers: [] });
        }
        read += 1;
        onProgress?.({ read, found: nodes.length });
      }
    };
    // Workers stop when they find no work; more may appear while others read, so repeat until all is read.
    while (read < nodes.length) {
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    }
    return { nodes: gone.size === 0 ? nodes : nodes.filter((n) => !gone.has(n.issue.id)) };
  }

  /** Whether `issue` still answers at its address as itself (not deleted, not transferred away). */
  async function stillHere(client: GithubRepositoryClient, issue: GithubIssue): Promise<boolean> {
    try {
      return (await client.getIssue(issue.number)).id === issue.id;
    } catch (error) {
      if (error instanceof GithubNotFoundError) return false;
      throw error;
    }
  }

  /**
   * The issues of the tree that are issues the project holds, transferred under a new id (GitHub gives a
   * transferred issue a new one) while no `transferred` delivery said so: new id -> the id the project
   * knew, so that they keep their claims, checks and isoplan's edges instead of leaving and coming back.
   * Each missing issue is read at its old address, a few at a time: one that answers from its new address
   * with a newcomer is that newcomer. One gone (404) is just gone.
   */
  async function transferredIds({ newcomers, missing }: TransferLookup, home: string) {
    const formerIds = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const { id, ref } = missing[next++]!;
        let now: GithubIssue;
        try {
          now = await (await deps.github.repository(ref.repository, home)).getIssue(ref.number);
        } catch (error) {
          if (error instanceof GithubNotFoundError) continue;
          throw error;
        }
        if (newcomers.has(now.id) && !sameIssue(now, ref)) formerIds.set(now.id, id);
      }
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    return formerIds;
  }

  function summarise(
    project: string,
    changes: DocumentChanges,
    refused: RefusedDependency[],
  ): GithubChangeSummary {
    const unblocked = changes.before === null ? [] : newlyUnblocked(changes.before, changes.after);
    const at = now().toISOString();
    const titles = new Map(changes.after.issues.map((i) => [i.key, i.title]));
    for (const u of unblocked) {
      deps.events?.publish({
        type: 'issue.unblocked',
        project,
        issue: u.key,
        title: titles.get(u.key) ?? u.key,
        finishedBlockers: u.finishedBlockers,
        at,
      });
    }
    return {
      project,
      created: changes.created,
      added: changes.added,
      changed: changes.changed,
      removed: changes.removed,
      renamed: changes.renamed,
      dependencies: changes.dependencies,
      refused,
      unblocked,
    };
  }

  const service: GithubSyncService = {
    readTree,

    async sync(project, options = {}) {
      // The project's link as the sync begins (null: none, or no project yet for a sync that creates it).
      let linked: GithubLink | null = null;
      try {
        linked = await deps.links.get(project);
      } catch (error) {
        if (!(error instanceof NotFoundError) || options.link === undefined) throw error;
      }
      const link = options.link ?? linked;
      if (link === null) {
        throw new ConflictError(
          `project '${project}' is not linked to a GitHub meta issue: link it first (PUT /v1/projects/${project}/github)`,
          { project },
        );
      }
      const tree = await readTree(
        { repository: link.repository, number: link.issue },
        link.repository,
        options.onProgress,
      );
      const followed = followMetaIssue(link, tree.nodes[0]!.issue);
      options.authorize?.(followed);
      const state = stateFromTree(followed.repository, tree);
      const formerIds = new Map<number, number>();
      state.formerIds = formerIds;
      let lookedUp = false;
      let refused: RefusedDependency[] = [];
      const apply = () =>
        deps.documents.apply(
          project,
          (current) => {
            // GitHub was read (and the caller's body allowed) against the link the project had then: a link
            // changed meanwhile (an admin relinked it) is not undone by writing this one over it. (Changed to
            // the one this sync writes, by another sync that followed the same move, it is not undone.)
            const now = current?.project.github ?? null;
            const same = (a: GithubLink | null, b: GithubLink | null) =>
              a === null || b === null ? a === b : sameGithubLink(a, b);
            if (!same(now, linked) && !same(now, followed)) {
              throw new ConflictError(
                `project '${project}' was linked to ${now === null ? 'no meta issue' : linkName(now)} while this sync read ` +
                  `GitHub for ${linkName(link)}: nothing was written; sync again`,
                { project },
              );
            }
            // Issues the project holds may be in the tree under new ids: GitHub is read (outside the write)
            // before this is written, and only then.
            const lookup = lookedUp || current === null ? null : transferLookup(current, state);
            if (lookup !== null) throw new TransfersToRead(lookup);
            const synced = syncedDocument(current, state, followed, project);
            refused = synced.refused;
            return synced.document;
          },
          options.by ?? { actor: GITHUB_ACTOR },
          { formerGithubIds: formerIds },
        );
      let changes: DocumentChanges;
      try {
        changes = await apply();
      } catch (error) {
        if (!(error instanceof TransfersToRead)) throw error;
        for (const [now, was] of await transferredIds(error.lookup, link.repository)) formerIds.set(now, was);
        lookedUp = true;
        changes = await apply();
      }
      const before = changes.before?.project.github ?? null;
      const moved = followed !== link && (before === null || !sameGithubLink(before, followed));
      return {
        ...summarise(project, changes, refused),
        link: followed,
        relinked: moved ? { from: link, to: followed } : null,
        read: state.issues.size,
      };
    },

    async change(project, change) {
      let refused: RefusedDependency[] = [];
      let homeRenamed = false;
      const formerGithubIds = new Map<number, number>();
      const changes = await deps.documents.apply(
        project,
        (current: ProjectDocument | null) => {
          if (current === null) throw new NotFoundError('project', project);
          const link = current.project.github;
          if (link == null) return current;
          const state = stateFromDocument(current, link);
          if (state === null) return current;
          change(state, link);
          // The meta issue's repository renamed: nothing written here; the project follows it below.
          homeRenamed = renamedHome(current, state) !== null;
          if (homeRenamed) return current;
          for (const [now, was] of state.formerIds ?? []) formerGithubIds.set(now, was);
          const synced = syncedDocument(current, state, link, project);
          refused = synced.refused;
          return synced.document;
        },
        { actor: GITHUB_ACTOR },
        { formerGithubIds },
      );
      // GitHub answers the link's address from the new name: the sync relinks the project there.
      if (homeRenamed) return service.sync(project);
      return summarise(project, changes, refused);
    },
  };
  return service;
}

/** Thrown out of a sync's write, which writes nothing then: GitHub is to be read first (TransferLookup). */
class TransfersToRead extends Error {
  constructor(readonly lookup: TransferLookup) {
    super('issues to read at their old address before the sync is written');
  }
}

/**
 * The link to the meta issue where GitHub has it now: `meta`, read at the link's address, is elsewhere when
 * it was transferred (GitHub's 301, followed). The project document's path stays as it was.
 */
export function followMetaIssue(link: GithubLink, meta: IssueRef): GithubLink {
  if (sameIssue(meta, { repository: link.repository, number: link.issue })) return link;
  return { ...link, repository: meta.repository, issue: meta.number };
}

/** `OWNER/REPO#N` of a link, for messages. */
export function linkName(link: GithubLink): string {
  return formatIssueRef({ repository: link.repository, number: link.issue });
}
