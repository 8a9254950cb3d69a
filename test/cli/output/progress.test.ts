import { describe, expect, it } from 'vitest';
import { startProgress } from '../../../src/cli/output/progress.js';

function stream() {
  let text = '';
  return { write: (s: string) => (text += s), isTTY: true, text: () => text };
}

describe('startProgress', () => {
  it('draws nothing before the delay, then a bar with the count, and erases it at the end', () => {
    let now = 0;
    const out = stream();
    const progress = startProgress(out, 'simulating', { enabled: true, delayMs: 500, now: () => now });
    progress.update(1, 10);
    expect(out.text()).toBe('');
    now = 600;
    progress.update(5, 10);
    expect(out.text()).toContain('simulating [████████████░░░░░░░░░░░░] 5/10 0.6 s');
    progress.end();
    expect(out.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('redraws at most 20 times a second however often the work reports', () => {
    let now = 1000;
    const out = stream();
    const progress = startProgress(out, 'x', { enabled: true, delayMs: 0, now: () => now });
    for (let i = 0; i < 1000; i++) progress.update(i, 1000);
    now += 60;
    progress.update(1000, 1000);
    expect(out.text().split('\r\x1b[2K').length - 1).toBe(2);
    progress.end();
  });

  it('writes nothing at all when disabled (a pipe, or --quiet)', () => {
    const out = stream();
    const progress = startProgress(out, 'x', { enabled: false, delayMs: 0 });
    progress.update(1, 2);
    progress.end();
    expect(out.text()).toBe('');
  });
});
