// The Timeline tab's model: the forecast's levelled schedule as lanes of bars, one lane per person (and
// one for zero-length issues, which take no one's time), the critical chain marked, each bar's open
// blockers for the hover, and axis ticks labelled with dates the schedule itself gives. Pure.

/**
 * @typedef {{ key: string, person: string | null, startDay: number, finishDay: number, start: string,
 *   finish: string }} LevelledEntry
 * @typedef {{ finishDays: number, finishDate: string, criticalChain: string[], schedule: LevelledEntry[] }} Levelled
 * @typedef {{ key: string, title: string, blockedBy: string[] }} TimelineIssue
 * @typedef {{ key: string, title: string, lane: number, startDay: number, finishDay: number, start: string,
 *   finish: string, critical: boolean, blockedBy: string[] }} Bar
 * @typedef {{ name: string, bars: Bar[] }} Lane
 * @typedef {{ day: number, label: string }} Tick
 * @typedef {{ lanes: Lane[], bars: Map<string, Bar>, days: number, ticks: Tick[], todayDay: number | null }} Timeline
 */

/** The lane of the issues no one works on (zero-length). */
export const MILESTONES = 'milestones';

/**
 * @param {Levelled} levelled
 * @param {{ name: string }[]} team
 * @param {TimelineIssue[]} issues
 * @param {{ start: string | null, today: string, maxTicks?: number }} when the project's start setting
 *   (null: none) and today, ISO dates: work starts from today (day 0 is today, or the next working day)
 *   unless the project starts later
 * @returns {Timeline}
 */
export function timelineModel(levelled, team, issues, { start, today, maxTicks = 8 }) {
  const critical = new Set(levelled.criticalChain);
  const scheduled = new Set(levelled.schedule.map((e) => e.key));
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  /** @type {Lane[]} */
  const lanes = team.map((person) => ({ name: person.name, bars: [] }));
  const laneOf = new Map(team.map((person, i) => [person.name, i]));
  /** @type {Map<string, Bar>} */
  const bars = new Map();
  let milestones = -1;
  for (const entry of levelled.schedule) {
    let lane = entry.person === null ? undefined : laneOf.get(entry.person);
    if (lane === undefined) {
      if (milestones < 0) milestones = lanes.push({ name: MILESTONES, bars: [] }) - 1;
      lane = milestones;
    }
    const issue = byKey.get(entry.key);
    const bar = {
      key: entry.key,
      title: issue?.title ?? entry.key,
      lane,
      startDay: entry.startDay,
      finishDay: entry.finishDay,
      start: entry.start,
      finish: entry.finish,
      critical: critical.has(entry.key),
      // Only the blockers that are on the timeline: finished ones hold nothing any more.
      blockedBy: (issue?.blockedBy ?? []).filter((key) => scheduled.has(key)),
    };
    lanes[lane]?.bars.push(bar);
    bars.set(bar.key, bar);
  }
  const days = Math.max(1, levelled.finishDays);
  return {
    lanes,
    bars,
    days,
    ticks: ticks(levelled.schedule, days, maxTicks),
    todayDay: start === null || start <= today ? 0 : null,
  };
}

/**
 * Up to `maxTicks` ticks, evenly spread, each at a working day whose date the schedule gives (a bar's
 * first day): no calendar is restated here.
 * @param {LevelledEntry[]} schedule
 * @param {number} days
 * @param {number} maxTicks
 * @returns {Tick[]}
 */
function ticks(schedule, days, maxTicks) {
  /** @type {Map<number, string>} */
  const known = new Map();
  for (const e of schedule) if (e.finishDay > e.startDay) known.set(Math.floor(e.startDay + 1e-6), e.start);
  const sorted = [...known.keys()].sort((a, b) => a - b);
  /** @type {Tick[]} */
  const out = [];
  for (let i = 0; i < maxTicks && sorted.length > 0; i++) {
    const want = (i * days) / maxTicks;
    // The known day nearest to where the tick should be; each day once.
    let best = sorted[0] ?? 0;
    for (const day of sorted) if (Math.abs(day - want) < Math.abs(best - want)) best = day;
    if (out.at(-1)?.day !== best) out.push({ day: best, label: known.get(best) ?? '' });
  }
  return out;
}
