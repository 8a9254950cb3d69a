/**
 * Working-day calendar
 * ====================
 *
 * The forecast counts time in working days from the project's start: day 0 is
 * the first working day on or after the start date, day 1 the next, and so on;
 * weekends (any weekday not in `workdays`) and holidays are not days at all.
 * An issue of estimate e that starts at day s finishes at day s + e; it is
 * worked on from the date of day floor(s) to its last working day, the date of
 * day ceil(s + e) - 1. So a five-day issue that starts on a Friday finishes on
 * the next Thursday. Work that ends at day f (the whole project, a zero-length
 * issue) falls on the last working day before that instant, day ceil(f) - 1,
 * or day 0 for f = 0: a milestone reached when its blockers finish on a
 * Thursday is dated that Thursday.
 *
 * The workdays alone repeat every week: the "plain" days (workdays, holidays
 * included) are numbered from the anchor, the first workday on or after the
 * start, and plain day q is anchor + 7 floor(q / w) + offset[q mod w] for the
 * w workdays of a week. Holidays are plain days taken out: with h the sorted
 * plain numbers of the holidays, the working day d is the plain day g + k,
 * where g = d - (holidays before the anchor) and k = #{i : h[i] - i <= g}
 * (h[i] - i never decreases, so k is a binary search). The converse counts the
 * plain days before a date and subtracts the holidays among them.
 *
 * Dates have four-digit years (ISO 8601 without its expanded form): a start or
 * holiday from FIRST_DATE to LAST_DATE, and a working day whose date would
 * pass LAST_DATE is refused (BeyondCalendarError) rather than written in a
 * form no client parses.
 *
 * Complexity: O(H log H) to build for H holidays; O(log H) per conversion.
 */

import { BeyondCalendarError, InvalidInputError, type InvalidItem } from '../errors.js';
import { formatIsoDate, isoWeekday, parseIsoDate } from './iso-date.js';

/** The first and last dates a calendar takes and gives: four-digit years. */
export const FIRST_DATE = '1000-01-01';
export const LAST_DATE = '9999-12-31';
const FIRST_DAY = parseIsoDate(FIRST_DATE)!;
const LAST_DAY = parseIsoDate(LAST_DATE)!;

/** ISO weekday numbers, Monday = 1: a five-day week. */
export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

export interface CalendarSettings {
  /** ISO date before which no work is counted. */
  start: string;
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) people work on; DEFAULT_WORKDAYS when absent. */
  workdays?: readonly number[];
  /** ISO dates nobody works on. */
  holidays?: readonly string[];
}

export interface WorkCalendar {
  /** Day number (see iso-date.ts) of the first workday on or after the start: plain day 0. */
  anchor: number;
  /** Workdays per week. */
  perWeek: number;
  /** offset[i]: days from the week's first plain day to its i-th, ascending, offset[0] = 0. */
  offset: Int32Array;
  /** h[i] - i for the sorted plain day numbers h of the holidays that fall on workdays. */
  shifted: Int32Array;
  /** Sorted plain day numbers of those holidays. */
  holidays: Int32Array;
  /** How many of them come before the anchor. */
  before: number;
}

/**
 * The problems of calendar settings, each at `${prefix}start`, `${prefix}workdays[i]`, `${prefix}holidays[i]`:
 * ISO dates that exist, ISO weekday numbers, at least one workday.
 */
export function calendarProblems(settings: CalendarSettings, prefix = ''): InvalidItem[] {
  return [...startProblems(settings.start, prefix), ...workWeekProblems(settings, prefix)];
}

/** The problem of a start date that is not an ISO date from FIRST_DATE to LAST_DATE (see calendarProblems). */
export function startProblems(start: string, prefix = ''): InvalidItem[] {
  const message = dateProblem(start);
  return message === null ? [] : [{ path: `${prefix}start`, message }];
}

function dateProblem(text: string): string | null {
  const day = parseIsoDate(text);
  if (day === null) return `'${text}' is not an ISO date (YYYY-MM-DD)`;
  if (day < FIRST_DAY || day > LAST_DAY) return `'${text}' is not from ${FIRST_DATE} to ${LAST_DATE}`;
  return null;
}

/** The problems of the working week and holidays alone (see calendarProblems). */
export function workWeekProblems(settings: Omit<CalendarSettings, 'start'>, prefix = ''): InvalidItem[] {
  const problems: InvalidItem[] = [];
  const workdays = settings.workdays ?? DEFAULT_WORKDAYS;
  workdays.forEach((weekday, i) => {
    if (!(Number.isInteger(weekday) && weekday >= 1 && weekday <= 7))
      problems.push({
        path: `${prefix}workdays[${i}]`,
        message: 'must be an ISO weekday number, 1 (Monday) to 7 (Sunday)',
      });
    else if (workdays.indexOf(weekday) < i)
      problems.push({ path: `${prefix}workdays[${i}]`, message: `weekday ${weekday} is listed twice` });
  });
  if (workdays.length === 0)
    problems.push({ path: `${prefix}workdays`, message: 'needs at least one weekday' });
  (settings.holidays ?? []).forEach((text, i) => {
    const message = dateProblem(text);
    if (message !== null) problems.push({ path: `${prefix}holidays[${i}]`, message });
  });
  return problems;
}

/** The calendar; InvalidInputError listing every bad date or weekday (calendarProblems). */
export function workCalendar(settings: CalendarSettings): WorkCalendar {
  const problems = calendarProblems(settings);
  if (problems.length > 0) throw new InvalidInputError('the calendar is invalid', problems);
  const start = parseIsoDate(settings.start)!;
  let mask = 0;
  for (const weekday of settings.workdays ?? DEFAULT_WORKDAYS) mask |= 1 << weekday;
  const holidayDays = (settings.holidays ?? []).map((text) => parseIsoDate(text)!);

  let anchor = start;
  while ((mask & (1 << isoWeekday(anchor))) === 0) anchor++;
  const offset = new Int32Array(7);
  let perWeek = 0;
  for (let o = 0; o < 7; o++) if ((mask & (1 << isoWeekday(anchor + o))) !== 0) offset[perWeek++] = o;
  const cal: WorkCalendar = {
    anchor,
    perWeek,
    offset: offset.slice(0, perWeek),
    shifted: new Int32Array(0),
    holidays: new Int32Array(0),
    before: 0,
  };

  const plain = holidayDays
    .filter((day) => (mask & (1 << isoWeekday(day))) !== 0)
    .map((day) => plainBefore(cal, day))
    .sort((a, b) => a - b)
    .filter((q, i, all) => i === 0 || all[i - 1] !== q);
  cal.holidays = Int32Array.from(plain);
  cal.shifted = Int32Array.from(plain, (q, i) => q - i);
  cal.before = countBelow(cal.holidays, 0);
  return cal;
}

/** The day number of working day `day` (an integer; negative days lie before day 0). */
export function dayNumberOfWorkingDay(cal: WorkCalendar, day: number): number {
  const g = day - cal.before;
  return plainDay(cal, g + countAtMost(cal.shifted, g));
}

/** The ISO date of working day `day` (an integer); BeyondCalendarError past LAST_DATE. */
export function dateOfWorkingDay(cal: WorkCalendar, day: number): string {
  const dayNumber = dayNumberOfWorkingDay(cal, day);
  if (dayNumber > LAST_DAY)
    throw new BeyondCalendarError(
      `working day ${day} from ${formatIsoDate(dayNumberOfWorkingDay(cal, 0))} falls after ${LAST_DATE}, ` +
        'the last ISO date: give the work more people or capacity, or smaller estimates',
      LAST_DATE,
    );
  return formatIsoDate(dayNumber);
}

/**
 * Working days from day 0 to the date (exclusive): the working day a date falls on, or for a day off
 * the working day after it. Negative before day 0.
 */
export function workingDayOf(cal: WorkCalendar, dayNumber: number): number {
  const q = plainBefore(cal, dayNumber);
  return q - (countBelow(cal.holidays, q) - cal.before);
}

/** Binary noise (0.1 + 0.2) must not move an issue to another day: a millionth of a day is no time. */
const EPSILON = 1e-6;

/** The working day an issue that occupies [startDay, finishDay) starts on (see the banner). */
export function firstWorkingDay(startDay: number, finishDay: number): number {
  return finishDay - startDay > EPSILON ? Math.floor(startDay + EPSILON) : lastWorkingDay(finishDay);
}

/** The last working day of work that ends at `finishDay` (see the banner). */
export function lastWorkingDay(finishDay: number): number {
  return Math.max(0, wholeWorkingDays(finishDay) - 1);
}

/**
 * `finishDay` rounded up to a whole working day: the end of its last working day (0 for work that ends at
 * day 0). Per-issue quantiles are kept in these (day-histograms.ts).
 */
export function wholeWorkingDays(finishDay: number): number {
  return Math.max(0, Math.ceil(finishDay - EPSILON));
}

function plainDay(cal: WorkCalendar, q: number): number {
  const week = Math.floor(q / cal.perWeek);
  return cal.anchor + 7 * week + cal.offset[q - week * cal.perWeek]!;
}

/** Plain days in [anchor, dayNumber), negative for a date before the anchor. */
function plainBefore(cal: WorkCalendar, dayNumber: number): number {
  const since = dayNumber - cal.anchor;
  const week = Math.floor(since / 7);
  const rest = since - 7 * week;
  let within = 0;
  while (within < cal.perWeek && cal.offset[within]! < rest) within++;
  return week * cal.perWeek + within;
}

/** #{i : sorted[i] < x}. */
function countBelow(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** #{i : sorted[i] <= x}. */
function countAtMost(sorted: Int32Array, x: number): number {
  return countBelow(sorted, x + 1);
}
