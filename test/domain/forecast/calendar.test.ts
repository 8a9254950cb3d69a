import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BeyondCalendarError, InvalidInputError } from '../../../src/domain/errors.js';
import {
  dateOfWorkingDay,
  firstWorkingDay,
  lastWorkingDay,
  workCalendar,
  workingDayOf,
} from '../../../src/domain/forecast/calendar.js';
import { formatIsoDate, isoWeekday, parseIsoDate } from '../../../src/domain/forecast/iso-date.js';

const finishDate = (cal: ReturnType<typeof workCalendar>, start: number, estimate: number) =>
  dateOfWorkingDay(cal, lastWorkingDay(start + estimate));

describe('ISO dates', () => {
  it('reads and writes dates as day numbers from 1970-01-01', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2000-03-01')).toBe(11_017);
    expect(formatIsoDate(-1)).toBe('1969-12-31');
    expect(formatIsoDate(parseIsoDate('2024-02-29')!)).toBe('2024-02-29');
  });

  it('refuses texts that are not calendar dates', () => {
    for (const text of ['2023-02-29', '2024-13-01', '2024-04-31', '24-01-01', '2024-1-1', '2024-01-01T00:00'])
      expect(parseIsoDate(text)).toBeNull();
  });

  it('numbers weekdays as ISO does, Monday 1 to Sunday 7', () => {
    expect(isoWeekday(parseIsoDate('2025-06-02')!)).toBe(1);
    expect(isoWeekday(parseIsoDate('2025-06-08')!)).toBe(7);
    expect(isoWeekday(parseIsoDate('1969-12-29')!)).toBe(1);
  });

  it('agrees with Date on every day of four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const text = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(formatIsoDate(n)).toBe(text);
        expect(parseIsoDate(text)).toBe(n);
      }),
    );
  });
});

describe('working-day calendar', () => {
  it('finishes a five-day issue started on a Friday on the next Thursday', () => {
    const cal = workCalendar({ start: '2025-06-06' }); // a Friday
    expect(dateOfWorkingDay(cal, 0)).toBe('2025-06-06');
    expect(finishDate(cal, 0, 5)).toBe('2025-06-12');
  });

  it('skips holidays that fall on working days', () => {
    const cal = workCalendar({ start: '2025-06-06', holidays: ['2025-06-09', '2025-06-14'] }); // a Monday, a Saturday
    expect(finishDate(cal, 0, 5)).toBe('2025-06-13');
    expect(dateOfWorkingDay(cal, 1)).toBe('2025-06-10');
  });

  it('starts on the first working day on or after the start date', () => {
    expect(dateOfWorkingDay(workCalendar({ start: '2025-06-07' }), 0)).toBe('2025-06-09');
    expect(dateOfWorkingDay(workCalendar({ start: '2025-06-09', holidays: ['2025-06-09'] }), 0)).toBe(
      '2025-06-10',
    );
  });

  it('follows the project working week', () => {
    const cal = workCalendar({ start: '2025-06-05', workdays: [4, 5, 6] }); // Thursday to Saturday
    expect([0, 1, 2, 3].map((d) => dateOfWorkingDay(cal, d))).toEqual([
      '2025-06-05',
      '2025-06-06',
      '2025-06-07',
      '2025-06-12',
    ]);
  });

  it('puts a part-day issue on the day it runs', () => {
    expect(firstWorkingDay(2.5, 2.75)).toBe(2);
    expect(lastWorkingDay(2.75)).toBe(2);
    expect(lastWorkingDay(0.1 + 0.2 + 2.7)).toBe(2); // 3.0000000000000004 is day 3's start
  });

  it('dates a zero-length issue, like the end of the work, on the last working day before it', () => {
    expect([firstWorkingDay(3, 3), lastWorkingDay(3)]).toEqual([2, 2]);
    expect([firstWorkingDay(2.5, 2.5), lastWorkingDay(2.5)]).toEqual([2, 2]);
    expect([firstWorkingDay(0, 0), lastWorkingDay(0)]).toEqual([0, 0]);
  });

  it('numbers a date by the working day it falls on, days off by the next one', () => {
    const cal = workCalendar({ start: '2025-06-06', holidays: ['2025-06-10'] });
    const day = (text: string) => workingDayOf(cal, parseIsoDate(text)!);
    expect(day('2025-06-06')).toBe(0);
    expect(day('2025-06-07')).toBe(1);
    expect(day('2025-06-09')).toBe(1);
    expect(day('2025-06-10')).toBe(2);
    expect(day('2025-06-11')).toBe(2);
    expect(day('2025-06-05')).toBe(-1);
  });

  it('maps working days to dates and back, every date a working one, in order', () => {
    const holiday = fc.integer({ min: 20_000, max: 20_200 }).map(formatIsoDate);
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 20_100 }).map(formatIsoDate),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.array(holiday, { maxLength: 30 }),
        (start, workdays, holidays) => {
          const cal = workCalendar({ start, workdays, holidays });
          const isWorking = (n: number) =>
            workdays.includes(isoWeekday(n)) && !holidays.includes(formatIsoDate(n));
          const first = parseIsoDate(dateOfWorkingDay(cal, -10))!;
          const last = parseIsoDate(dateOfWorkingDay(cal, 60))!;
          // Walking the dates one by one, each working one is the next working day, in both directions.
          let d = -10;
          for (let n = first; n <= last; n++) {
            if (!isWorking(n)) {
              expect(workingDayOf(cal, n)).toBe(d);
              continue;
            }
            expect(dateOfWorkingDay(cal, d)).toBe(formatIsoDate(n));
            expect(workingDayOf(cal, n)).toBe(d);
            d++;
          }
          expect(d).toBe(61);
          // Day 0 is the first working date on or after the start.
          const day0 = parseIsoDate(dateOfWorkingDay(cal, 0))!;
          expect(day0).toBeGreaterThanOrEqual(parseIsoDate(start)!);
          for (let n = parseIsoDate(start)!; n < day0; n++) expect(isWorking(n)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lists every bad setting at once', () => {
    try {
      workCalendar({ start: '2025-02-30', workdays: [0, 8, 1.5], holidays: ['soon'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).errors.map((e) => e.path)).toEqual([
        'start',
        'workdays[0]',
        'workdays[1]',
        'workdays[2]',
        'holidays[0]',
      ]);
    }
    expect(() => workCalendar({ start: '2025-06-06', workdays: [] })).toThrow(/calendar is invalid/);
  });

  it('takes starts and holidays with four-digit years from 1000 on only', () => {
    const problems = (start: string, holidays: string[] = []) => {
      try {
        workCalendar({ start, holidays });
        return [];
      } catch (error) {
        return (error as InvalidInputError).errors;
      }
    };
    expect(problems('1000-01-01', ['9999-12-31'])).toEqual([]);
    expect(problems('0999-12-31', ['0001-01-01'])).toEqual([
      { path: 'start', message: "'0999-12-31' is not from 1000-01-01 to 9999-12-31" },
      { path: 'holidays[0]', message: "'0001-01-01' is not from 1000-01-01 to 9999-12-31" },
    ]);
  });

  it('refuses a weekday listed twice in the working week', () => {
    try {
      workCalendar({ start: '2025-06-06', workdays: [1, 2, 2, 1] });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInputError).errors).toEqual([
        { path: 'workdays[2]', message: 'weekday 2 is listed twice' },
        { path: 'workdays[3]', message: 'weekday 1 is listed twice' },
      ]);
    }
  });

  it('refuses to date a working day after 9999-12-31 rather than write a five-digit year', () => {
    const cal = workCalendar({ start: '9999-12-27', workdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(dateOfWorkingDay(cal, 4)).toBe('9999-12-31');
    expect(() => dateOfWorkingDay(cal, 5)).toThrow(BeyondCalendarError);
    expect(() => dateOfWorkingDay(cal, 5)).toThrow(/working day 5 from 9999-12-27 falls after 9999-12-31/);
  });
});
