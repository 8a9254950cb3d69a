// Words and numbers as the page shows them. Pure.

/** @type {Record<string, string>} */
export const STATUS_LABELS = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: "Won't do" };

/** @param {number} days */
export function formatDays(days) {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

/** @param {number | null | undefined} percent */
export function formatPercent(percent) {
  return percent === null || percent === undefined ? '—' : `${Math.round(percent)}%`;
}

/**
 * Who made a change, as the audit trail records it: the actor (a token's name, or `anonymous`) and,
 * when the client said so with X-Actor, whom it acted for.
 * @param {{ actor: string, onBehalfOf?: string | null }} event
 */
export function formatActor(event) {
  return event.onBehalfOf ? `${event.actor} for ${event.onBehalfOf}` : event.actor;
}

/** @param {string} iso */
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A validation verdict as the page says it: an issue whose checks run clean is "verified" only
 * once it is done; while it is open they merely "pass" (it is not finished).
 * @param {{ verdict: string | null, status: string }} issue
 */
export function verdictWord(issue) {
  if (issue.verdict === 'verified') return issue.status === 'done' ? 'verified' : 'checks pass';
  return issue.verdict ?? '';
}

/**
 * The headline a lead is asked for: "with 3 people, P85 = 2025-08-07" (or the named people); "done, nothing
 * is open" when no issue is left to schedule (the forecast badge says `done`), rather than a P85 of today.
 * @param {{ team: { name: string, capacity: number }[], quantiles: { p85: { date: string } },
 *   levelled: { schedule: unknown[] } }} forecast
 */
export function forecastHeadline(forecast) {
  if (forecast.levelled.schedule.length === 0) return 'done, nothing is open';
  const { team } = forecast;
  const anonymous = team.every((p, i) => p.name === `person ${i + 1}` && p.capacity === 1);
  const who = anonymous ? plural(team.length, 'person', 'people') : team.map((p) => p.name).join(', ');
  return `with ${who}, P85 = ${forecast.quantiles.p85.date}`;
}
