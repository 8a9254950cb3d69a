// README badges of a project as shields.io-style SVG (badge-maker, shields.io's own renderer, which
// escapes the text): progress and ready from the cached plan, the goal from the latest validation run.
// Each comes with its ETag: the project's (`"r12-mxdea8u3"`, etag.ts) for what the plan decides, with the
// latest run's id for the goal (a new run changes it without changing the project), the forecast's day 0
// for the forecast, and the query's style and label (another query, another image).
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
import { etagOf, queryVariant, type Tagged } from '../store/etag.js';
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
  content(project: string, request: BadgeRequest): Promise<{ etag: string; content: BadgeContent }>;
  render(content: BadgeContent, request: BadgeRequest): string;
}

export function createBadgeService(deps: BadgeServiceDeps): BadgeService {
  return {
    async content(project, request) {
      const { kind, style, label } = request;
      const query = queryVariant({ style, label: label ?? null });
      /** The tag of the badge of `version`, with what else it shows (`shows`) and its query. */
      const tagOf = (version: Tagged, shows?: string) =>
        etagOf(version, shows === undefined ? query : `${shows}.${query}`);
      if (kind === 'goal') {
        const [read, run] = await Promise.all([deps.projects.get(project), deps.validations.latest(project)]);
        const etag = tagOf(read, run === null ? undefined : `run${run.id}`);
        return {
          etag,
          content: goalBadge(read.goal.length > 0, run === null ? null : validationFigures(run)),
        };
      }
      const { plan, input, ...version } = await deps.plans.plan(project);
      const figures = planFigures(input, plan);
      if (kind === 'forecast') {
        // A finished project needs no forecast (whose day 0 may not even have a date: Mondays only from
        // Friday 9999-12-31).
        if (nothingLeft(figures)) return { etag: tagOf(version), content: forecastBadge(figures, null) };
        try {
          // Day 0 is today (or the project's start): the forecast moves with the date as well as the revision.
          const { report } = await deps.forecasts.forecast(project);
          return {
            etag: tagOf(version, report.start),
            content: forecastBadge(figures, report.quantiles.p85.date),
          };
        } catch (error) {
          // An image must render: the badge says the forecast runs past the calendar. Day 0 only moves
          // later, so at this revision it always will: the tag needs no date.
          if (!(error instanceof BeyondCalendarError)) throw error;
          return { etag: tagOf(version, 'past-calendar'), content: forecastBadge(figures, null) };
        }
      }
      return {
        etag: tagOf(version),
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
