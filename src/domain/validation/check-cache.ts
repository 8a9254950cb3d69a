// Runs validation's checks through the injected runner in batches (one batch per phase, so that a worker
// pool can run them in parallel), each distinct (layout, program) once per validation.
import type { CheckJob, CheckRunner, Layout, SimCheck } from './input.js';
import type { ValidationViolation } from './types.js';

/** An issue's (or the goal's) checks under one layout. */
export interface CheckUnit {
  layout: Layout;
  checks: SimCheck[];
}

export class CheckCache {
  private readonly results = new Map<string, ValidationViolation[]>();
  constructor(
    private readonly runner: CheckRunner,
    private readonly setting: CheckJob['setting'],
  ) {}

  private key(layout: Layout, check: SimCheck): string {
    // Array.prototype.sort compares strings by UTF-16 code units: the same layout, the same key.
    const entries = Object.keys(layout)
      .sort()
      .map((k) => `${k}=${layout[k]}`);
    return `${entries.join(',')}\u0000${JSON.stringify(check.program)}`;
  }

  /** Violations per unit and per check, each relabelled with its check's name. */
  async run(units: readonly CheckUnit[]): Promise<ValidationViolation[][][]> {
    const jobs: CheckJob[] = [];
    const pending = new Map<string, { job: number; index: number }>();
    for (const unit of units) {
      let job: CheckJob | undefined;
      for (const check of unit.checks) {
        const key = this.key(unit.layout, check);
        if (this.results.has(key) || pending.has(key)) continue;
        if (!job) {
          job = { layout: unit.layout, checks: [], setting: this.setting };
          jobs.push(job);
        }
        pending.set(key, { job: jobs.length - 1, index: job.checks.length });
        job.checks.push(check);
      }
    }
    if (jobs.length > 0) {
      const answers = await this.runner.run(jobs);
      for (const [key, at] of pending) this.results.set(key, answers[at.job]![at.index]!);
    }
    return units.map((unit) =>
      unit.checks.map((check) =>
        this.results.get(this.key(unit.layout, check))!.map((v) => ({ ...v, check: check.name })),
      ),
    );
  }
}
