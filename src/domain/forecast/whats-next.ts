// What's next: the plan's ready ranking (src/domain/plan/ready-ranking.ts, the one home of the rule),
// each issue with its criticality index from the forecast and that index among its reasons, e.g.
// "on the critical chain in 92% of trials · critical path (no slack) · unblocks 4 · ...".

import type { RankedReadyIssue } from '../plan/types.js';
import type { Forecast } from './types.js';

export interface NextIssue extends RankedReadyIssue {
  /** Share of the forecast's trials in which it is on the critical chain (0 or 1 without trials). */
  criticality: number;
}

/** The first `limit` ranked ready issues (all without a limit), criticality added. */
export function whatsNext(
  ranking: readonly RankedReadyIssue[],
  forecast: Pick<Forecast, 'criticality' | 'trials'>,
  limit = ranking.length,
): NextIssue[] {
  return ranking.slice(0, limit).map((r) => {
    const criticality = forecast.criticality[r.key] ?? 0;
    const said = criticalityReason(criticality, forecast.trials);
    // After the priority, which ranks first, and before the plan's own reasons.
    const reasons = r.priority === null ? [said, ...r.reasons] : [r.reasons[0]!, said, ...r.reasons.slice(1)];
    return { ...r, criticality, reasons, reason: reasons.join(' · ') };
  });
}

function criticalityReason(share: number, trials: number): string {
  if (trials === 0) return share > 0 ? 'on the critical chain' : 'off the critical chain';
  if (share === 0) return 'on the critical chain in no trial';
  if (share === 1) return 'on the critical chain in every trial';
  const percent = Math.round(share * 100);
  return `on the critical chain in ${percent === 0 ? '<1' : percent === 100 ? '>99' : percent}% of trials`;
}
