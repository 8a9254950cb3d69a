/**
 * ISO dates as day numbers
 * ========================
 *
 * Calendar dates (`YYYY-MM-DD`, proleptic Gregorian, no time of day, no time
 * zone) as integer day numbers: days since 1970-01-01. The forecast counts
 * working days in integers and turns only its answers back into text, so no
 * Date object (and no local time zone) is involved in any loop.
 *
 * days-from-civil and civil-from-days use the 400-year era of the Gregorian
 * cycle, all in integer arithmetic. The ISO weekday of day 0 (a Thursday) is 4.
 *
 * Complexity: O(1) per conversion.
 *
 * Reference: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013),
 * days_from_civil and civil_from_days; ISO 8601-1:2019, 5.2.2 (calendar date)
 * and 5.2.4.2 (weekday numbers, Monday = 1).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of an ISO date, or null when the text is not a real calendar date. */
export function parseIsoDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** The ISO date of a day number (years past 9999 in ISO 8601's expanded form, as Date#toISOString). */
export function formatIsoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  const y =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, '0')
      : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The day number of the UTC calendar date of an instant. */
export function dayNumberOf(instant: Date): number {
  return Math.floor(instant.getTime() / 86_400_000);
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
