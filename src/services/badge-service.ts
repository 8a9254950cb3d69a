// README badges of a project as shields.io-style SVG (badge-maker, shields.io's own renderer, which
// escapes the text): progress and ready from the cached plan, the goal from the latest validation run.
// Each comes with its ETag: the project's (`"r12"`) for what the plan decides, with the latest run's id
// for the goal (`"r12-v7"`, a new run changes it without changing the project).
import { makeBadge } from 'badge-maker';
import { BeyondCalendarError } from '../domain/errors.js';
import {
  type BadgeContent,
  type BadgeKind,
  forecastBadge,
  goalBadge,
  nothingLeft,
  progressBadge,
  readyBadge,
} from '../domain/figures/badge-content.js';
import { planFigures, validationFigures } from '../domain/figures/project-figures.js';
import { etagOf } from '../store/etag.js';
import type { ProjectStore, ValidationStore } from '../store/types.js';
import type { ForecastService } from './forecast-service.js';
import type { PlanService } from './plan-service.js';

export const BADGE_STYLES = ['flat', 'flat-square'] as const;
export type BadgeStyle = (typeof BADGE_STYLES)[number];

export interface BadgeServiceDeps {
  projects: Pick<ProjectStore, 'get'>;
  plans: Pick<PlanService, 'plan'>;
  validations: Pick<ValidationStore, 'latest'>;
  forecasts: Pick<ForecastService, 'forecast'>;
}

export interface BadgeRequest {
  kind: BadgeKind;
  style: BadgeStyle;
  /** Replaces the badge's left-hand text. */
  label?: string;
}

export interface BadgeService {
  /** The badge's content and ETag, without rendering (an If-None-Match match needs no SVG). NotFoundError. */
  content(project: string, kind: BadgeKind): Promise<{ etag: string; content: BadgeContent }>;
  render(content: BadgeContent, request: BadgeRequest): string;
}

export function createBadgeService(deps: BadgeServiceDeps): BadgeService {
  return {
    async content(project, kind) {
      if (kind === 'goal') {
        const [{ goal, revision }, run] = await Promise.all([
          deps.projects.get(project),
          deps.validations.latest(project),
        ]);
        const etag = etagOf(revision, run?.id);
        return { etag, content: goalBadge(goal.length > 0, run === null ? null : validationFigures(run)) };
      }
      const { revision, plan, input } = await deps.plans.plan(project);
      const figures = planFigures(input, plan);
      if (kind === 'forecast') {
        // A finished project needs no forecast (whose day 0 may not even have a date: Mondays only from
        // Friday 9999-12-31).
        if (nothingLeft(figures)) return { etag: etagOf(revision), content: forecastBadge(figures, null) };
        try {
          // Day 0 is today (or the project's start): the forecast moves with the date as well as the revision.
          const { report } = await deps.forecasts.forecast(project);
          return {
            etag: etagOf(revision, report.start),
            content: forecastBadge(figures, report.quantiles.p85.date),
          };
        } catch (error) {
          // An image must render: the badge says the forecast runs past the calendar. Day 0 only moves
          // later, so at this revision it always will: the tag needs no date.
          if (!(error instanceof BeyondCalendarError)) throw error;
          return { etag: etagOf(revision, 'past-calendar'), content: forecastBadge(figures, null) };
        }
      }
      return {
        etag: etagOf(revision),
        content: kind === 'progress' ? progressBadge(figures) : readyBadge(figures),
      };
    },
    render(content, request) {
      return makeBadge({
        label: request.label ?? content.label,
        message: content.message,
        color: content.color,
        style: request.style,
      });
    },
  };
}
