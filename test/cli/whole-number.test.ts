// Number options take decimal digits, as the API does: whole numbers (`--trials`, `--seed`, `--people`,
// `--limit`, `--time-ms`) and day counts (`--estimate`, `--low`, `--high`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { decimalNumber, EXIT, wholeNumber } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands.js';
import { main } from '../../src/cli/main.js';
import { capturedIo } from './cli-harness.js';

describe('wholeNumber', () => {
  it('reads decimal digits, leading zeros included', () => {
    expect(wholeNumber('5000')).toBe(5000);
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('007')).toBe(7);
  });

  it('refuses hex, exponents, fractions, signs, blanks and the empty text', () => {
    for (const text of ['0x10', '1e3', '5.0', '-1', '+5', ' 5', '5 ', '', 'many'])
      expect(() => wholeNumber(text), text).toThrow(InvalidArgumentError);
  });

  it('refuses a number past the safe integers', () => {
    expect(() => wholeNumber('9007199254740993')).toThrow('must be a whole number');
  });
});

describe('decimalNumber', () => {
  // Day counts (`--estimate 2.5`) take a fraction, and otherwise what wholeNumber takes: `0x10` is not 16 days.
  it('reads decimal digits with an optional fraction', () => {
    expect(decimalNumber('2')).toBe(2);
    expect(decimalNumber('2.5')).toBe(2.5);
    expect(decimalNumber('0.25')).toBe(0.25);
    expect(decimalNumber('.5')).toBe(0.5);
  });

  it('refuses hex, binary, exponents, signs, blanks and the empty text', () => {
    for (const text of ['0x10', '0b11', '1e3', '-1', '+5', ' 5', '5 ', '', '2,5', 'Infinity', '.', '2.'])
      expect(() => decimalNumber(text), text).toThrow(InvalidArgumentError);
  });
});

describe('the options that take a number', () => {
  it('refuses an estimate or a stress time bound that is not decimal, where Number() took 0x10 as 16', async () => {
    for (const argv of [
      ['issue', 'create', 'k', '--title', 'T', '--estimate', '0x10'],
      ['issue', 'edit', 'k', '--high', '1e3'],
      ['sim', 'run', 'x.json', '--stress', '--time-ms', '1e2'],
    ]) {
      // A directory of its own: were the option taken, the command would open a database file there.
      const io = capturedIo(mkdtempSync(join(tmpdir(), 'isoplan-number-')));
      expect(await main(argv, io, commands), argv.join(' ')).toBe(EXIT.usage);
      expect(io.err(), argv.join(' ')).toMatch(/is invalid\. must be/);
    }
  });
});
