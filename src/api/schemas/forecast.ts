// The forecast of a project (src/domain/forecast; types.ts there is the contract), its what-if, and
// what's next.
import { z } from 'zod';
import { MAX_TRIALS } from '../../domain/forecast/compute-forecast.js';
import {
  DEFAULT_TREND_WEEKS,
  type ForecastTrend,
  MAX_TREND_WEEKS,
} from '../../domain/forecast/forecast-trend.js';
import type { ForecastReport } from '../../domain/forecast/types.js';
import type { NextIssue } from '../../domain/forecast/whats-next.js';
import { HolidaysSchema, IsoDateSchema, TeamSchema } from '../../domain/project-document.js';
import { IssueKeySchema, listQueryOf } from './common.js';
import { IssuePrioritySchema } from './issues.js';
import { queryNumber } from './query-number.js';
import { queryOnce } from './query-once.js';

const KeysSchema = z.array(z.string());

const DayAndDateSchema = z.object({
  days: z
    .number()
    .describe(
      'Working days from day 0 (`start`) to that point: an issue of estimate e started at day s ends at s + e',
    ),
  date: z.string().describe('ISO date of the last working day before that point'),
});

const ForecastAssumptionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknown-assignee'), key: z.string(), assignee: z.string() }),
  z.object({ kind: z.literal('assignees-ignored'), keys: KeysSchema }),
  z.object({ kind: z.literal('in-progress-whole'), keys: KeysSchema }),
  z.object({ kind: z.literal('default-team'), people: z.number().int() }),
]);

const HistorySchema = z
  .object({
    weeks: z
      .array(z.object({ week: z.string(), issues: z.number().int(), estimateDays: z.number() }))
      .describe('Issues finished each ISO week (by the date of its Monday), to this week'),
    finished: z.object({ issues: z.number().int(), estimateDays: z.number() }),
    actuals: z
      .array(
        z.object({
          key: z.string(),
          estimateDays: z.number(),
          actualDays: z
            .number()
            .describe('Working days from its start date to its finish date, both counted'),
          started: z.string(),
          finished: z.string(),
        }),
      )
      .describe('Where an issue went in_progress -> done'),
    actualToEstimate: z.number().nullable().describe('Sum of actual days over sum of estimates'),
    burnUp: z
      .array(
        z.object({
          date: z.string(),
          scope: z.number().int(),
          scopeDays: z.number(),
          done: z.number().int(),
          doneDays: z.number(),
        }),
      )
      .describe(
        'Scope (every issue but wont_do) and done, at the end of each day something changed; an issue without an estimate counts the default estimate in force that day',
      ),
    summary: z.string().describe('The history in one sentence; says so when there is none'),
  })
  .meta({ id: 'ProjectHistory' });

export const ForecastSchema = z
  .object({
    start: z.string().describe('Date of day 0: the project start, or today if that is later'),
    team: z.array(z.object({ name: z.string(), capacity: z.number() })).describe('The people, lane order'),
    levelled: z
      .object({
        finishDays: z.number(),
        finishDate: z.string(),
        criticalChain: KeysSchema.describe('What sets the end, first to last'),
        schedule: z.array(
          z.object({
            key: z.string(),
            person: z.string().nullable().describe('Null for a zero-length issue: it takes no one’s time'),
            startDay: z.number(),
            finishDay: z.number().describe('startDay + estimate / capacity'),
            start: z.string().describe('Date of its first working day'),
            finish: z.string().describe('Date of its last working day'),
          }),
        ),
      })
      .describe('Capacity-levelled schedule on the most likely estimates'),
    unlimited: DayAndDateSchema.describe('The end with unlimited people: the critical path'),
    trials: z.number().int(),
    seed: z.number().int(),
    target: z.string().nullable().describe('The issue forecast, or null for the end of all open work'),
    quantiles: z.object({ p50: DayAndDateSchema, p85: DayAndDateSchema, p95: DayAndDateSchema }),
    histogram: z.array(
      z.object({ fromDays: z.number(), toDays: z.number(), date: z.string(), count: z.number().int() }),
    ),
    criticality: z
      .record(z.string(), z.number())
      .describe('Per open issue: the share of trials in which it is on the critical chain'),
    finishP85: z
      .record(z.string(), DayAndDateSchema)
      .describe(
        'Per open issue: its finish in 85% of trials, in working days from day 0 like every `days`, ' +
          'rounded up to a whole working day (per-issue finishes are counted by day)',
      ),
    assumptions: z.array(ForecastAssumptionSchema),
    history: HistorySchema,
  })
  .meta({ id: 'Forecast' });

// The bounds of the forecast's numbers, in the query string and in a what-if's body alike.
const PeopleSchema = z.number().int().min(1).max(10_000);
const TrialsSchema = z.number().int().min(0).max(MAX_TRIALS);
const SeedSchema = z.number().int().min(0).max(0xffffffff);
const TRIALS_TEXT = 'Monte Carlo trials (default 10,000; 0: the levelled schedule alone)';
const SEED_TEXT = 'Same seed, same answer (default 1)';
const TARGET_TEXT = "Forecast this issue's finish instead of the end";
const HOLIDAYS_TEXT =
  "More days nobody works on, for this answer only, besides the project's own holidays (ISO dates)";

export const ForecastQuerySchema = z.object({
  people: queryNumber(PeopleSchema).optional().describe("Override the project's team with N people"),
  trials: queryNumber(TrialsSchema).optional().describe(TRIALS_TEXT),
  seed: queryNumber(SeedSchema).optional().describe(SEED_TEXT),
  target: queryOnce(IssueKeySchema).optional().describe(TARGET_TEXT),
  // A list, like ?status= and ?include=: every date given counts, whether the parameter is repeated
  // (`?holidays=2026-12-24&holidays=2026-12-25`) or its dates are comma-separated.
  holidays: listQueryOf(IsoDateSchema)
    .optional()
    .describe(`${HOLIDAYS_TEXT}: repeatable or comma-separated, \`?holidays=2026-12-24,2026-12-25\``),
});

export const ForecastWhatIfSchema = z
  .strictObject({
    done: z.array(IssueKeySchema).max(100_000).default([]).describe('Keys of the issues to take as done'),
    team: TeamSchema.optional().describe("Another team (default: the project's)"),
    trials: TrialsSchema.optional().describe(TRIALS_TEXT),
    seed: SeedSchema.optional().describe(SEED_TEXT),
    target: IssueKeySchema.optional().describe(TARGET_TEXT),
    holidays: HolidaysSchema.optional().describe(HOLIDAYS_TEXT),
  })
  .meta({ id: 'ForecastWhatIf' });

export const ForecastTrendQuerySchema = z.object({
  weeks: queryNumber(z.number().int().min(1).max(MAX_TREND_WEEKS))
    .optional()
    .describe(
      `Points, today's included: today and the Sundays before it (default ${DEFAULT_TREND_WEEKS}, at most ${MAX_TREND_WEEKS})`,
    ),
  trials: queryNumber(TrialsSchema)
    .optional()
    .describe(
      'Monte Carlo trials per point (default: the points share 10,000, at least 100 each, fewer for a large project: the whole trend costs about one forecast; 0: levelled schedules alone)',
    ),
  seed: queryNumber(SeedSchema).optional().describe(SEED_TEXT),
});

const TrendChangeSchema = z.object({
  added: KeysSchema.describe('New in the scope: created, or back from wont_do'),
  addedDays: z.number().describe('Most likely days of the added issues still open'),
  dropped: KeysSchema.describe('Gone from the scope: deleted or wont_do'),
  droppedDays: z.number(),
  finished: KeysSchema.describe('Went done'),
  finishedDays: z.number(),
  reopened: KeysSchema.describe('Were done, are open again'),
  renamed: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .describe(
      'Issues under a new key since the point before (a GitHub sync renames an issue moved to another repository): the same issue, compared with itself, never counted as dropped and added',
    ),
  reestimated: z
    .array(z.object({ key: z.string(), fromDays: z.number(), toDays: z.number() }))
    .describe('Open issues whose estimate range changed, with their most likely days before and after'),
  reestimatedDays: z.number().describe('Change of the re-estimated issues’ most likely days'),
  p50ShiftDays: z
    .number()
    .int()
    .nullable()
    .describe('Calendar days P50 moved (later is positive); null when either point has no date'),
  p85ShiftDays: z.number().int().nullable(),
  causes: z
    .array(
      z.enum([
        'scope-added',
        'scope-dropped',
        'estimates-raised',
        'estimates-lowered',
        'team-or-calendar-changed',
        'slower-than-estimated',
      ]),
    )
    .describe(
      'Why it moved; `team-or-calendar-changed`: the team, working week, holidays or a later start differ; `slower-than-estimated`: P50 slipped though no work was added, no estimate raised and the team and calendar stayed',
    ),
  summary: z.string().describe('The change in one line'),
});

export const ForecastTrendSchema = z
  .object({
    weeks: z.number().int().describe('Points asked for'),
    trials: z.number().int().describe('Monte Carlo trials of each point'),
    seed: z.number().int(),
    since: z
      .string()
      .nullable()
      .describe("Instant the audit trail starts: the project's creation or its latest import"),
    startsAfterImport: z
      .boolean()
      .describe('The trail starts at an import, which kept only counts: no point before it is known'),
    points: z
      .array(
        z.object({
          date: z.string().describe("Today, or a Sunday: the project's state at the end of that day (UTC)"),
          openIssues: z.number().int().describe('Open and in-progress issues'),
          openEstimateDays: z.number().describe('Their most likely days'),
          scope: z.number().int().describe('Issues that are not wont_do'),
          p50: z.string().nullable().describe('P50 date of the end, forecast with day 0 on `date`'),
          p85: z.string().nullable(),
          p95: z.string().nullable(),
          beyondCalendar: z.boolean().describe('Its dates would pass 9999-12-31: no date'),
          change: TrendChangeSchema.nullable().describe(
            'What changed since the point before; null for the first',
          ),
        }),
      )
      .describe('Oldest first; fewer than `weeks` when the trail starts later'),
    notes: KeysSchema.describe('What the trend could not know, in sentences'),
  })
  .meta({ id: 'ForecastTrend' });

export const NextQuerySchema = z.object({
  limit: queryNumber(z.number().int().min(1).max(500))
    .prefault(10)
    .describe('How many ready issues, 1 to 500'),
});

export const NextIssueSchema = z
  .object({
    key: z.string(),
    priority: IssuePrioritySchema.nullable(),
    slackDays: z.number(),
    unblocks: KeysSchema,
    downstream: z.number().int(),
    downstreamDays: z.number(),
    criticality: z.number().describe('Share of trials in which it is on the critical chain'),
    reasons: KeysSchema.describe('Why it ranks where it does, one part per criterion'),
    reason: z.string(),
  })
  .meta({ id: 'NextIssue' });

export const NextListSchema = z
  .object({
    items: z
      .array(NextIssueSchema)
      .describe("The ready issues ranked as the plan's readyRanking, with each one's criticality"),
  })
  .meta({ id: 'NextList' });

// The domain types and these schemas must agree: a change on either side fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const forecastAgrees: Same<z.infer<typeof ForecastSchema>, ForecastReport> = true;
const nextAgrees: Same<z.infer<typeof NextIssueSchema>, NextIssue> = true;
void forecastAgrees;
void nextAgrees;
const trendAgrees: Same<z.infer<typeof ForecastTrendSchema>, ForecastTrend> = true;
void trendAgrees;
