// A project's forecast settings (team, start, working week, holidays) as a project stores them: the
// problems of any of them, for the store's writes and for project documents. One place that applies the
// team's and the calendar's rules (team.ts, calendar.ts) to what a project carries.
import type { InvalidItem } from '../errors.js';
import type { Project } from '../model.js';
import { startProblems, workWeekProblems } from './calendar.js';
import { teamProblems } from './team.js';

export type ForecastSettings = Pick<Project, 'team' | 'start' | 'workdays' | 'holidays'>;

/** The problems of the settings given (absent ones are not checked), each at `${prefix}<field>…`. */
export function settingsProblems(settings: Partial<ForecastSettings>, prefix = ''): InvalidItem[] {
  const { team, start, workdays, holidays } = settings;
  return [
    ...(team === undefined || team === null ? [] : teamProblems(team, prefix)),
    ...(start === undefined || start === null ? [] : startProblems(start, prefix)),
    ...workWeekProblems({ workdays, holidays }, prefix),
  ];
}
