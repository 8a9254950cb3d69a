// What each README badge of a project says and in which colour (shields.io's named colours), from the
// project's figures. Pure: src/services/badge-service.ts renders it as SVG.
import { LAST_DATE } from '../forecast/calendar.js';
import type { PlanFigures, ValidationFigures } from './project-figures.js';

export const BADGE_KINDS = ['progress', 'goal', 'ready', 'forecast'] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

export type BadgeColor =
  | 'brightgreen'
  | 'green'
  | 'yellowgreen'
  | 'yellow'
  | 'orange'
  | 'red'
  | 'blue'
  | 'lightgrey';

export interface BadgeContent {
  label: string;
  message: string;
  color: BadgeColor;
}

/** Finished issues, as a whole percent (rounded down: 100% only when everything is finished). */
export function progressBadge(plan: PlanFigures): BadgeContent {
  const label = 'progress';
  if (plan.progressByCount === null) return { label, message: 'no issues', color: 'lightgrey' };
  const percent = Math.floor(plan.progressByCount * 100);
  const color: BadgeColor =
    percent === 100
      ? 'brightgreen'
      : percent >= 80
        ? 'green'
        : percent >= 60
          ? 'yellowgreen'
          : percent >= 40
            ? 'yellow'
            : percent >= 20
              ? 'orange'
              : 'red';
  return { label, message: `${percent}%`, color };
}

/**
 * Whether the goal holds, by the latest validation run: `not set` for a project without goal checks,
 * `not validated` before its first run.
 */
export function goalBadge(hasGoal: boolean, validation: ValidationFigures | null): BadgeContent {
  const label = 'goal';
  if (!hasGoal) return { label, message: 'not set', color: 'lightgrey' };
  if (validation === null) return { label, message: 'not validated', color: 'lightgrey' };
  return validation.goalHolds
    ? { label, message: 'holds', color: 'brightgreen' }
    : { label, message: 'does not hold', color: 'red' };
}

/** How many issues can start now; `all done` once nothing is open or in progress. */
export function readyBadge(plan: PlanFigures): BadgeContent {
  const label = 'ready';
  if (plan.issues.open + plan.issues.in_progress === 0)
    return { label, message: 'all done', color: 'brightgreen' };
  if (plan.ready === 0) return { label, message: 'none', color: 'lightgrey' };
  return { label, message: `${plan.ready} ${plan.ready === 1 ? 'issue' : 'issues'}`, color: 'blue' };
}

/**
 * When the project ends in 85% of the forecast's trials; `done` once nothing is open or in progress. `p85`
 * is null for a forecast that runs past LAST_DATE (BeyondCalendarError): a badge still tells it.
 */
export function forecastBadge(plan: PlanFigures, p85: string | null): BadgeContent {
  const label = 'forecast';
  if (nothingLeft(plan)) return { label, message: 'done', color: 'brightgreen' };
  if (p85 === null) return { label, message: `runs past ${LAST_DATE}`, color: 'lightgrey' };
  return { label, message: `P85 ${p85}`, color: 'blue' };
}

/** Nothing open or in progress: the forecast badge says `done` without a forecast. */
export function nothingLeft(plan: PlanFigures): boolean {
  return plan.issues.open + plan.issues.in_progress === 0;
}
