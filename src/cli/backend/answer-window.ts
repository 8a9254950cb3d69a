// How long the CLI waits for an answer from a service: the longest the service may take, its wait for a
// queued job (src/store/job-wait.ts: jobWaitMs, with the service's ISOPLAN_JOB_EXPIRE_SECONDS as the CLI's
// environment gives it, default 120), and a margin. A service answers within it or says why not (a 503 past
// its own deadline). Its own file: `isoplan --help` states it without loading the API client.
import { jobWaitMs } from '../../store/job-wait.js';

/** Past the service's own deadline: the stored run read after the job, the answer on its way. */
const ANSWER_MARGIN_MS = 30_000;

/** The wait for one answer, in ms: 9 min with the service's defaults. */
export function answerWithinMs(jobExpireSeconds: number): number {
  return jobWaitMs(jobExpireSeconds) + ANSWER_MARGIN_MS;
}

/** Minutes and seconds, as a person reads a wait: `9 min`, `8 min 30 s`, `45 s`. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const [min, s] = [Math.floor(seconds / 60), seconds % 60];
  if (min === 0) return `${s} s`;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}
