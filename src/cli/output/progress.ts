// A progress indicator on standard error for work that may take more than half a second: nothing at first,
// then a spinner (or a bar, when the work reports how far it is) with the time spent, erased when the work
// ends. Only on a terminal and without --quiet: a pipe or a log gets nothing. Synchronous work (the
// simulator) draws from its own progress callback; asynchronous work is also redrawn by a timer.
import type { CliStream } from '../command.js';

export interface Progress {
  /** How far the work is, when it can tell. */
  update(done: number, total: number): void;
  /** Erases the indicator; call it once the work ends, whatever the outcome. */
  end(): void;
}

export interface ProgressOptions {
  enabled: boolean;
  /** Nothing is drawn before this; default 500 ms. */
  delayMs?: number;
  now?: () => number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR = 24;

export function startProgress(stream: CliStream, label: string, options: ProgressOptions): Progress {
  if (!options.enabled) return { update() {}, end() {} };
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 500;
  const started = now();
  let frame = 0;
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let fraction: [number, number] | undefined;

  function draw() {
    const at = now();
    const elapsed = at - started;
    // Not before the delay, and at most 20 times a second however often the work reports.
    if (elapsed < delayMs || at - lastDraw < 50) return;
    lastDraw = at;
    const seconds = `${(elapsed / 1000).toFixed(1)} s`;
    let line: string;
    if (fraction === undefined) line = `${FRAMES[frame++ % FRAMES.length]} ${label} ${seconds}`;
    else {
      const [done, total] = fraction;
      const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
      line = `${label} [${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${done}/${total} ${seconds}`;
    }
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  }

  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(done, total) {
      fraction = [done, total];
      draw();
    },
    end() {
      clearInterval(timer);
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
