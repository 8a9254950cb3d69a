import { describe, expect, it } from 'vitest';
import { createStyle, decideStyle, ticked, visible, widthOf } from '../../../src/cli/output/style.js';

describe('decideStyle', () => {
  const tty = { noColor: false, env: {}, isTTY: true };

  it('colours and symbols on a terminal, neither in a pipe', () => {
    expect(decideStyle(tty)).toEqual({ colour: true, symbols: true });
    expect(decideStyle({ ...tty, isTTY: false })).toEqual({ colour: false, symbols: false });
  });

  it('turns colour off for --no-color and for NO_COLOR set and not empty, keeping symbols', () => {
    expect(decideStyle({ ...tty, noColor: true })).toEqual({ colour: false, symbols: true });
    expect(decideStyle({ ...tty, env: { NO_COLOR: '1' } })).toEqual({ colour: false, symbols: true });
    expect(decideStyle({ ...tty, env: { NO_COLOR: '' } })).toEqual({ colour: true, symbols: true });
  });

  it('is plain on a dumb terminal, and FORCE_COLOR forces a pipe to colour (unless NO_COLOR)', () => {
    expect(decideStyle({ ...tty, env: { TERM: 'dumb' } })).toEqual({ colour: false, symbols: false });
    expect(decideStyle({ noColor: false, env: { FORCE_COLOR: '1' }, isTTY: false })).toEqual({
      colour: true,
      symbols: true,
    });
    expect(decideStyle({ noColor: false, env: { FORCE_COLOR: '0' }, isTTY: false }).colour).toBe(false);
    expect(
      decideStyle({ noColor: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }).colour,
    ).toBe(false);
  });
});

describe('createStyle', () => {
  it('wraps text in SGR sequences only when colour is on; visible() and widthOf() see through them', () => {
    const on = createStyle({ colour: true, symbols: true });
    const off = createStyle({ colour: false, symbols: false });
    expect(on.red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(off.red('x')).toBe('x');
    expect(visible(on.bold(on.green('✓ ok')))).toBe('✓ ok');
    expect(widthOf(on.bold('✓ ok'))).toBe(4);
  });

  it('ticks confirmations on a terminal only', () => {
    expect(visible(ticked(createStyle({ colour: true, symbols: true }), 'done'))).toBe('✓ done');
    expect(ticked(createStyle({ colour: false, symbols: false }), 'done')).toBe('done');
  });
});
