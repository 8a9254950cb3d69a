// Every route of the API, one plugin per resource. New resources add one line here.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { badgeRoutes } from './badges.js';
import { ciCheckRoutes } from './ci-checks.js';
import { claimRoutes } from './claims.js';
import { dashboardRoutes } from './dashboard.js';
import { dependencyRoutes } from './dependencies.js';
import { documentRoutes } from './documents.js';
import { type EventsRouteOptions, eventRoutes } from './events.js';
import { forecastRoutes } from './forecast.js';
import { githubLinkRoutes } from './github-links.js';
import { githubWebhookRoutes } from './github-webhooks.js';
import { goalRoutes } from './goal.js';
import { healthRoutes } from './health.js';
import { historyRoutes } from './history.js';
import { issueCheckRoutes } from './issue-checks.js';
import { issueRoutes } from './issues.js';
import { metricRoutes } from './metrics.js';
import { planRoutes } from './plan.js';
import { projectRoutes } from './projects.js';
import { simRoutes } from './sim.js';
import { tokenRoutes } from './tokens.js';
import { validationRoutes } from './validations.js';

export interface RoutesOptions {
  /** The event streams' caps (config.ts has the defaults). */
  eventStreams: EventsRouteOptions;
}

export const routes: FastifyPluginAsyncZod<RoutesOptions> = async (app, options) => {
  await app.register(healthRoutes);
  await app.register(metricRoutes);
  await app.register(projectRoutes);
  await app.register(issueRoutes);
  await app.register(dependencyRoutes);
  await app.register(documentRoutes);
  await app.register(historyRoutes);
  await app.register(planRoutes);
  await app.register(forecastRoutes);
  await app.register(badgeRoutes);
  await app.register(simRoutes);
  await app.register(claimRoutes);
  await app.register(issueCheckRoutes);
  await app.register(goalRoutes);
  await app.register(validationRoutes);
  await app.register(ciCheckRoutes);
  await app.register(githubLinkRoutes);
  await app.register(githubWebhookRoutes);
  await app.register(eventRoutes, options.eventStreams);
  await app.register(tokenRoutes);
  await app.register(dashboardRoutes);
};
