// A project as the page shows it: one snapshot of the project, its issues, its plan and its latest
// validation, read together; and the refresh loop that keeps it current. A refresh asked for while one
// runs is coalesced into one more round after it.
import * as api from './api.js';

/**
 * @typedef {{ project: api.Project, issues: api.Issue[], byKey: Map<string, api.Issue>, plan: api.Plan,
 *   validation: { available: boolean, run: api.ValidationRun | null } }} Snapshot
 */

/**
 * @param {string} slug
 * @returns {Promise<Snapshot>}
 */
export async function fetchSnapshot(slug) {
  const [project, issues, plan, validation] = await Promise.all([
    api.getProject(slug),
    api.listIssues(slug),
    api.getPlan(slug),
    api.latestValidation(slug).catch(() => ({ available: false, run: null })),
  ]);
  return { project, issues, byKey: new Map(issues.map((i) => [i.key, i])), plan, validation };
}

/**
 * @param {() => Promise<Snapshot>} load
 * @param {(snapshot: Snapshot) => void} onSnapshot
 * @param {(snapshot: Snapshot) => Promise<void>} revalidate runs a validation when the snapshot has one
 * @returns {(options?: { revalidate?: boolean }) => Promise<void>}
 */
export function createRefresher(load, onSnapshot, revalidate) {
  /** @type {Promise<void> | null} */
  let running = null;
  let again = false;
  return function refresh(options = {}) {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      // Only the first round validates: the validation's own change event must not start another.
      let validate = options.revalidate === true;
      do {
        again = false;
        const next = await load();
        onSnapshot(next);
        if (validate && next.validation.available && next.validation.run !== null) await revalidate(next);
        validate = false;
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
