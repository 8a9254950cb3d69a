// Colours and symbols for a terminal, and plain text everywhere else. Colour is on only when standard
// output is a terminal (or FORCE_COLOR asks for it) and neither `--no-color` nor NO_COLOR
// (https://no-color.org: set and not empty) turns it off; symbols (✓ ◐ ○ ✗) only on a terminal. JSON never
// goes through here. Pure: the decision is made from what it is given.

import { columnsOf } from './text-width.js';

export interface StyleDecision {
  /** `--no-color` given. */
  noColor: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export interface Style {
  readonly colour: boolean;
  /** Unicode symbols rather than words (a terminal). */
  readonly symbols: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const set = (value: string | undefined) => value !== undefined && value !== '';

export function decideStyle({ noColor, env, isTTY }: StyleDecision): { colour: boolean; symbols: boolean } {
  const forced = set(env.FORCE_COLOR) && env.FORCE_COLOR !== '0';
  const terminal = (isTTY && env.TERM !== 'dumb') || forced;
  return { colour: terminal && !noColor && !set(env.NO_COLOR), symbols: terminal };
}

function sgr(open: number, close: number) {
  return (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
}

const plain = (text: string) => text;

export function createStyle({ colour, symbols }: { colour: boolean; symbols: boolean }): Style {
  return {
    colour,
    symbols,
    bold: colour ? sgr(1, 22) : plain,
    dim: colour ? sgr(2, 22) : plain,
    red: colour ? sgr(31, 39) : plain,
    green: colour ? sgr(32, 39) : plain,
    yellow: colour ? sgr(33, 39) : plain,
    cyan: colour ? sgr(36, 39) : plain,
  };
}

/** Text without its escape sequences: what a terminal shows. */
export function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC is the point.
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** The columns `text` takes on a terminal, its escape sequences aside (text-width.ts). */
export function widthOf(text: string): number {
  return columnsOf(visible(text));
}

/** A confirmation: `✓ text` (the tick green) on a terminal, `text` elsewhere. */
export function ticked(style: Style, text: string): string {
  return style.symbols ? `${style.green('✓')} ${text}` : text;
}
