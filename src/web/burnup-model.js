// The burn-up chart's model: scope and done over time (from the history the forecast reports), by
// count or by estimate, and the forecast cone from today's done to the scope at the P50, P85 and P95
// dates, all in chart coordinates. Dates are ISO calendar dates, placed by their UTC day. Pure.

/**
 * @typedef {{ date: string, scope: number, scopeDays: number, done: number, doneDays: number }} BurnUpPoint
 * @typedef {{ days: number, date: string }} DayAndDate
 * @typedef {{ p50: DayAndDate, p85: DayAndDate, p95: DayAndDate }} Quantiles
 * @typedef {'count' | 'days'} BurnUpMode
 * @typedef {{ x: number, y: number }} Point
 * @typedef {{ date: string, label: string, x: number }} DateTick
 * @typedef {{ value: number, y: number }} ValueTick
 * @typedef {{ scope: Point[], done: Point[], cone: Point[], lines: { p50: Point[], p85: Point[], p95: Point[] },
 *   today: number, xTicks: DateTick[], yTicks: ValueTick[], width: number, height: number,
 *   margin: { left: number, right: number, top: number, bottom: number } }} BurnUp
 */

const MARGIN = { left: 44, right: 16, top: 12, bottom: 28 };

/** @param {string} iso */
export function dayOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/** @param {number} day */
function isoOf(day) {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * @param {BurnUpPoint[]} points oldest first; the last is today's
 * @param {Quantiles} quantiles
 * @param {{ today: string, mode: BurnUpMode, width: number, height: number }} options
 * @returns {BurnUp}
 */
export function burnUpModel(points, quantiles, { today, mode, width, height }) {
  const scopeOf = (/** @type {BurnUpPoint} */ p) => (mode === 'count' ? p.scope : p.scopeDays);
  const doneOf = (/** @type {BurnUpPoint} */ p) => (mode === 'count' ? p.done : p.doneDays);
  const now = dayOf(today);
  const last = points.at(-1);
  const scopeNow = last === undefined ? 0 : scopeOf(last);
  const doneNow = last === undefined ? 0 : doneOf(last);
  const first = points.length > 0 ? Math.min(dayOf(points[0]?.date ?? today), now) : now;
  const end = Math.max(now + 1, dayOf(quantiles.p95.date) + 1, dayOf(quantiles.p50.date) + 1);
  const top = Math.max(1, scopeNow, ...points.map(scopeOf));
  const innerW = Math.max(1, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(1, height - MARGIN.top - MARGIN.bottom);
  const x = (/** @type {number} */ day) => MARGIN.left + ((day - first) / Math.max(1, end - first)) * innerW;
  const y = (/** @type {number} */ value) => MARGIN.top + innerH - (value / top) * innerH;
  /**
   * A step line: each value holds until the next point's day.
   * @param {(p: BurnUpPoint) => number} value
   */
  const steps = (value) => {
    /** @type {Point[]} */
    const out = [];
    points.forEach((p, i) => {
      const day = dayOf(p.date);
      if (i > 0) out.push({ x: x(day), y: y(value(/** @type {BurnUpPoint} */ (points[i - 1]))) });
      out.push({ x: x(day), y: y(value(p)) });
    });
    return out;
  };
  const from = { x: x(now), y: y(doneNow) };
  const to = (/** @type {DayAndDate} */ q) => ({ x: x(dayOf(q.date)), y: y(scopeNow) });
  const lines = {
    p50: [from, to(quantiles.p50)],
    p85: [from, to(quantiles.p85)],
    p95: [from, to(quantiles.p95)],
  };
  return {
    scope: steps(scopeOf),
    done: steps(doneOf),
    // The cone: between the P50 and P95 lines.
    cone: [from, to(quantiles.p50), to(quantiles.p95)],
    lines,
    today: x(now),
    xTicks: dateTicks(first, end, x, innerW),
    yTicks: valueTicks(top, y),
    width,
    height,
    margin: MARGIN,
  };
}

/**
 * Up to seven date ticks on week, month or quarter boundaries, labelled with the month and day (06-30);
 * beyond a year, where a month and day would stand for any of several years, with the year and month.
 * As many as leave room for their labels (about 7 px a character at the axis' 11 px, and a gap).
 * @param {number} first
 * @param {number} end
 * @param {(day: number) => number} x
 * @param {number} innerW the axis' width
 * @returns {DateTick[]}
 */
function dateTicks(first, end, x, innerW) {
  const span = end - first;
  const long = span > 364;
  const most = Math.max(1, Math.min(7, Math.floor(innerW / ((long ? 7 : 5) * 7 + 12))));
  const step = [1, 7, 14, 28, 91, 182, 364].find((s) => span / s <= most) ?? Math.ceil(span / most);
  /** @type {DateTick[]} */
  const out = [];
  // Weekly and longer steps start on a Monday (day 4 after the epoch's Thursday).
  let day = step >= 7 ? first + ((((4 - first) % 7) + 7) % 7) : first;
  const label = (/** @type {string} */ iso) => (long ? iso.slice(0, 7) : iso.slice(5));
  for (; day <= end; day += step) out.push({ date: isoOf(day), label: label(isoOf(day)), x: x(day) });
  return out;
}

/**
 * Round value ticks from 0 to the top.
 * @param {number} top
 * @param {(value: number) => number} y
 * @returns {ValueTick[]}
 */
function valueTicks(top, y) {
  const raw = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  /** @type {ValueTick[]} */
  const out = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push({ value: Math.round(v * 100) / 100, y: y(v) });
  return out;
}
