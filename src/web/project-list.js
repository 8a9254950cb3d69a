// The home page: every project with its progress.
import * as api from './api.js';
import { h, replaceChildren } from './dom.js';
import { formatDays, formatPercent, plural } from './format.js';
import { applyBarWidths, statusBar } from './progress-view.js';
import { goalState } from './validation-view.js';

/** @param {HTMLElement} root */
export async function showProjectList(root) {
  document.title = 'Projects · isoplan';
  const projects = await api.listProjects();
  const [plans, validations] = await Promise.all([
    Promise.all(projects.map((p) => api.getPlan(p.slug).catch(() => null))),
    Promise.all(
      projects.map((p) => api.latestValidation(p.slug).catch(() => ({ available: false, run: null }))),
    ),
  ]);
  replaceChildren(
    root,
    h(
      'section',
      { class: 'hero' },
      h(
        'div',
        null,
        h('h1', null, 'Projects'),
        h(
          'p',
          { class: 'lead' },
          'Each project is a meta issue: its sub-issues, their dependencies and the goal they reach together.',
        ),
      ),
    ),
    projects.length === 0
      ? h(
          'section',
          { class: 'card' },
          h(
            'p',
            null,
            'No project yet. Create one through the API (see /docs) or import a document with the CLI.',
          ),
        )
      : h(
          'ul',
          { class: 'project-list' },
          projects.map((project, i) => {
            const plan = plans[i];
            const p = plan?.progress.project;
            return h(
              'li',
              { class: 'card project-card', 'data-project': project.slug },
              h('h2', null, h('a', { href: `/projects/${encodeURIComponent(project.slug)}` }, project.name)),
              goalChip(validations[i], project.goal.length > 0),
              h('p', { class: 'muted' }, project.description),
              p
                ? [
                    statusBar(p, `${project.name} progress`),
                    h(
                      'p',
                      { class: 'project-figures' },
                      h('strong', null, formatPercent(p.percentByCount)),
                      ` by count (${p.finished} of ${plural(p.total, 'issue')}) · `,
                      h('strong', null, formatPercent(p.percentByEstimate)),
                      ' by estimate',
                      plan
                        ? ` · ${plan.ready.length} ready now · critical path ${formatDays(plan.criticalPath.lengthDays)}`
                        : '',
                    ),
                  ]
                : h('p', { class: 'muted' }, 'Plan not available.'),
            );
          }),
        ),
  );
  applyBarWidths(root);
}

/**
 * @param {{ available: boolean, run: api.ValidationRun | null } | undefined} validation
 * @param {boolean} hasGoal the project has goal checks
 */
function goalChip(validation, hasGoal) {
  const run = validation?.run ?? null;
  switch (goalState(run, { available: validation?.available === true, hasGoal })) {
    case 'none':
      return h('span', { class: 'tag' }, 'no goal set');
    case 'unavailable':
      return null;
    case 'unknown':
      return h('span', { class: 'tag' }, 'goal not validated yet');
    case 'holds':
      return h('span', { class: 'verdict verdict-verified' }, '✓ goal holds');
    default:
      return h(
        'span',
        { class: 'verdict verdict-failing' },
        `✗ goal not met: ${plural(run?.goal.violations.length ?? 0, 'violation')} left`,
      );
  }
}
