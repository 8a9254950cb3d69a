// A project as the page shows it: one snapshot of the project, its issues, its plan and its latest
// validation, read together; and the refresh loop that keeps it current. A refresh asked for while one
// runs is coalesced into one more round after it.
import * as api from './api.js';

/**
 * The forecast is read after the rest (GET …/forecast runs its trials): null until it arrives, or when
 * there is none, with `forecastProblem` saying why (its headline words and the service's detail).
 * @typedef {{ headline: string, detail: string }} ForecastProblem
 * @typedef {{ project: api.Project, issues: api.Issue[], byKey: Map<string, api.Issue>, plan: api.Plan,
 *   validation: { available: boolean, run: api.ValidationRun | null }, forecast: api.Forecast | null,
 *   forecastProblem: ForecastProblem | null }} Snapshot
 */

/**
 * @param {string} slug
 * @param {{ onPlan?: (plan: api.Plan) => void }} [hooks] onPlan: the plan arrived (before the rest)
 * @returns {Promise<Snapshot>}
 */
export async function fetchSnapshot(slug, hooks = {}) {
  const [project, issues, plan, validation] = await Promise.all([
    api.getProject(slug),
    api.listIssues(slug),
    api.getPlan(slug).then((plan) => {
      hooks.onPlan?.(plan);
      return plan;
    }),
    api.latestValidation(slug).catch(() => ({ available: false, run: null })),
  ]);
  const byKey = new Map(issues.map((i) => [i.key, i]));
  return { project, issues, byKey, plan, validation, forecast: null, forecastProblem: null };
}

/**
 * @param {() => Promise<Snapshot>} load
 * @param {(snapshot: Snapshot) => void} onSnapshot called with each snapshot `load` answered
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
