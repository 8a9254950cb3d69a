// The latest validation run: the goal's status (shown prominently at the top of the
// page), each issue's verdict, the missing dependencies the simulator found,
// regressions, and the runtime components by placement (initial, claimed, verified).
import { h } from './dom.js';
import { formatTime, plural } from './format.js';

/** @typedef {import('./api.js').ValidationRun} ValidationRun */

/**
 * Where the project stands with its goal, as every view says it: 'none' without goal checks (an empty
 * goal "holds" trivially: that is no news, never a green tick), 'unavailable' without validations,
 * 'unknown' before the first run, else whether the latest run found that it holds.
 * @param {ValidationRun | null} run
 * @param {{ available: boolean, hasGoal: boolean }} state
 * @returns {'none' | 'unavailable' | 'unknown' | 'holds' | 'fails'}
 */
export function goalState(run, state) {
  if (!state.hasGoal) return 'none';
  if (!state.available) return 'unavailable';
  if (run === null) return 'unknown';
  return run.goal.holds ? 'holds' : 'fails';
}

/**
 * @param {ValidationRun | null} run
 * @param {{ available: boolean, revision: number, hasGoal: boolean }} state hasGoal: the project has
 *   goal checks
 */
export function goalBanner(run, state) {
  const stands = goalState(run, state);
  if (stands === 'none') {
    return h(
      'div',
      { class: 'goal goal-unknown', 'data-goal': 'none' },
      h('span', { class: 'goal-icon goal-icon-neutral', 'aria-hidden': 'true' }, '–'),
      h(
        'div',
        null,
        h('strong', null, 'No goal set.'),
        ' The project has no goal checks, so there is nothing for a validation to confirm yet.',
      ),
    );
  }
  if (stands === 'unavailable') return null;
  if (run === null) {
    return h(
      'div',
      { class: 'goal goal-unknown', 'data-goal': 'unknown' },
      h('strong', null, 'Goal: not validated yet.'),
      ' Run a validation to see what the simulator confirms.',
    );
  }
  if (stands === 'holds') {
    return h(
      'div',
      { class: 'goal goal-holds', 'data-goal': 'holds' },
      h('span', { class: 'goal-icon', 'aria-hidden': 'true' }, '✓'),
      h(
        'div',
        null,
        h('strong', null, 'Goal holds.'),
        ' Every goal check runs clean in the simulator.',
        staleNote(run, state.revision),
      ),
    );
  }
  const components = [...new Set(run.goal.violations.map((v) => v.component))];
  return h(
    'div',
    { class: 'goal goal-fails', 'data-goal': 'fails' },
    h('span', { class: 'goal-icon', 'aria-hidden': 'true' }, '✗'),
    h(
      'div',
      null,
      staleNote(run, state.revision),
      h('strong', null, 'Goal not met yet: '),
      `${plural(run.goal.violations.length, 'violation')} left in ${plural(components.length, 'component')}`,
      components.length > 0
        ? h(
            'span',
            { class: 'muted' },
            ` (${components.slice(0, 6).join(', ')}${components.length > 6 ? ', …' : ''})`,
          )
        : null,
      '.',
      run.goal.openIssuesThatFix.length > 0
        ? h(
            'div',
            null,
            'Open issues that fix them: ',
            h('span', { class: 'mono' }, run.goal.openIssuesThatFix.join(', ')),
          )
        : null,
    ),
  );
}

/**
 * @param {ValidationRun} run
 * @param {number} revision the project's current revision
 */
function staleNote(run, revision) {
  return run.projectRevision === revision
    ? null
    : h(
        'div',
        { class: 'stale' },
        'As of the last validation; the project has changed since. Run it again to update.',
      );
}

/**
 * Rows of the component matrix worth showing first: those something claims or checks.
 * @param {ValidationRun['components']} components
 */
export function interestingComponents(components) {
  return components.filter((c) => c.claimed !== null || c.verified !== null);
}

/**
 * @param {ValidationRun} run
 * @param {{ onSelect: (key: string) => void, onRun: () => void, revision: number }} handlers
 */
export function renderValidation(run, handlers) {
  const counts = { verified: 0, failing: 0, untested: 0 };
  for (const v of run.issues) counts[v.verdict]++;
  const failing = run.issues.filter((v) => v.verdict === 'failing');
  /** @param {string} key */
  const keyButton = (key) =>
    h('button', { type: 'button', class: 'link mono', on: { click: () => handlers.onSelect(key) } }, key);

  const shown = interestingComponents(run.components);
  const rest = run.components.filter((c) => !shown.includes(c));
  /** @param {ValidationRun['components']} rows */
  const matrix = (rows) =>
    h(
      'table',
      // On a phone a list (styles.css): each cell says its column (`data-label`).
      { class: 'matrix', 'aria-label': 'Runtime components by placement' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Component'),
          h('th', null, 'Initial (catalog)'),
          h('th', null, 'Claimed'),
          h('th', null, 'Verified'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((c) =>
          h(
            'tr',
            null,
            h('td', { class: 'mono' }, c.component),
            h(
              'td',
              { 'data-label': 'Initial' },
              h('span', { class: `placement placement-${c.initial}` }, c.initial),
            ),
            h(
              'td',
              { 'data-label': 'Claimed' },
              c.claimed
                ? [
                    h('span', { class: `placement placement-${c.claimed}` }, c.claimed),
                    c.claimedBy ? h('span', { class: 'muted' }, ` by ${c.claimedBy}`) : null,
                  ]
                : h('span', { class: 'muted' }, '—'),
            ),
            h(
              'td',
              { 'data-label': 'Verified' },
              c.verified === null
                ? h('span', { class: 'muted' }, 'not exercised')
                : c.verified
                  ? h('span', { class: 'verdict verdict-verified' }, 'clean')
                  : h('span', { class: 'verdict verdict-failing' }, 'violations'),
            ),
          ),
        ),
      ),
    );

  return h(
    'div',
    { class: 'validation', 'data-validation': run.id },
    h(
      'p',
      { class: 'muted' },
      `Run ${formatTime(run.createdAt)} in ${Math.round(run.durationMs)} ms, at project revision ${run.projectRevision}.`,
    ),
    run.projectRevision !== handlers.revision
      ? h(
          'div',
          { class: 'callout callout-stale', 'data-stale': 'true' },
          `Out of date: the project is at revision ${handlers.revision} now. `,
          h('button', { type: 'button', on: { click: handlers.onRun } }, 'Run validation again'),
        )
      : null,
    h(
      'div',
      { class: 'chips' },
      h('span', { class: 'verdict verdict-verified' }, `${counts.verified} verified`),
      h('span', { class: 'verdict verdict-failing' }, `${counts.failing} failing`),
      h('span', { class: 'verdict verdict-untested' }, `${counts.untested} untested`),
      run.regressions.length > 0
        ? h('span', { class: 'tag tag-critical' }, plural(run.regressions.length, 'regression'))
        : null,
    ),
    run.regressions.length > 0
      ? h(
          'div',
          { class: 'callout callout-bad' },
          h('strong', null, 'Regressions: '),
          'finished issues whose checks fail: ',
          run.regressions.map(keyButton),
        )
      : null,
    h('h3', null, 'Missing dependencies'),
    run.missingDependencies.length === 0
      ? h('p', { class: 'muted' }, 'None: the simulator agrees with the stated order.')
      : h(
          'ul',
          { class: 'missing' },
          run.missingDependencies.map((m) =>
            h(
              'li',
              null,
              keyButton(m.issue),
              ' should be blocked by ',
              keyButton(m.shouldBeBlockedBy),
              h('div', { class: 'muted' }, 'because: ', summarizeViolations(m.because)),
            ),
          ),
        ),
    h('h3', null, 'Failing issues'),
    failing.length === 0
      ? h('p', { class: 'muted' }, 'None.')
      : h(
          'ul',
          { class: 'failing' },
          failing.map((v) =>
            h(
              'li',
              null,
              keyButton(v.key),
              v.regression ? h('span', { class: 'tag tag-critical' }, 'regression') : null,
              ' ',
              h('span', { class: 'muted' }, plural(v.violations.length, 'violation')),
              v.fixedBy.length > 0
                ? [
                    h('span', { class: 'muted' }, ' · fixed by '),
                    v.fixedBy.map((k, i) => [i > 0 ? ', ' : '', keyButton(k)]),
                  ]
                : null,
              h(
                'div',
                { class: 'change' },
                [...new Set(v.violations.map((x) => x.message))].slice(0, 3).join(' · '),
              ),
            ),
          ),
        ),
    h('h3', null, 'Runtime components by placement'),
    shown.length > 0 ? matrix(shown) : h('p', { class: 'muted' }, 'No component is claimed or checked yet.'),
    rest.length > 0
      ? h(
          'details',
          null,
          h('summary', null, `${rest.length} more components, neither claimed nor checked`),
          matrix(rest),
        )
      : null,
  );
}

/**
 * Violations as `component (kind) ×n`, each pair once, most frequent first.
 * @param {import('./api.js').Violation[]} violations
 */
export function summarizeViolations(violations) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const v of violations) {
    const label = `${v.component} (${v.kind})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, n]) => (n > 1 ? `${label} ×${n}` : label))
    .join('; ');
}

/**
 * The "Latest validation" section: hidden when the service does not validate.
 * @param {HTMLElement} section
 * @param {{ onSelect: (key: string) => void, onRun: () => void }} handlers
 */
export function createValidationSection(section, handlers) {
  return {
    /** @param {import('./project-data.js').Snapshot} snap */
    update(snap) {
      const { validation, project } = snap;
      section.hidden = !validation.available;
      if (!validation.available) return;
      section.replaceChildren(
        h('h2', null, 'Latest validation'),
        validation.run === null
          ? h(
              'p',
              { class: 'muted' },
              'No validation yet. “Run validation” runs the simulator over the current state of the project.',
            )
          : renderValidation(validation.run, { ...handlers, revision: project.revision }),
      );
    },
  };
}
