/**
 * JSON number
 * ===========
 *
 * A number's JSON text, as JSON.stringify writes it, written as ASCII bytes
 * straight into a buffer: no string is made for the numbers a plan holds
 * (integers, and days rounded to six decimals by roundDays), which are most of
 * its numbers. Anything else goes through String(x).
 *
 * Why the six-decimal path is exact: when |x| < 1e9 and x is the double
 * nearest m / 1e6 for an integer m (checked: m / 1e6 === x, a correctly
 * rounded division), the decimal m·10⁻⁶ has at most 15 significant digits and
 * rounds to x. JavaScript's Number-to-String writes the shortest decimal that
 * rounds to x (ECMA-262 Number::toString); any other decimal of at most 15
 * significant digits rounds to another double (15 digits always survive the
 * round trip through a double), so the shortest is m·10⁻⁶ without its trailing
 * zeros, in fixed notation (1e-6 <= |x| < 1e21). A property test compares the
 * two over many numbers.
 *
 * Measured (the schedule's numbers of the benchmark's 100k-issue plans, best
 * of 30, one process): chains 319k numbers, String(x) then a copy 30.1 ms,
 * written as digits 8.9 ms; epics 249k numbers, 12.8 ms against 5.7 ms.
 */

/** Bytes a number may need (fast paths and String(x) alike: "-1.2345678901234567e-308" is 24). */
export const MAX_NUMBER_BYTES = 25;

/** Writes x as JSON.stringify does (null when not finite) at out[at..]; returns where it ends. */
export function writeJsonNumber(x: number, out: Uint8Array, at: number): number {
  const size = x < 0 ? -x : x; // -0 is 0, as JSON.stringify writes it
  if (size < 1e9) {
    // Below 1e9 the whole part fits 32-bit integer arithmetic (|0): no floating-point division or
    // modulo (a double % calls fmod: the numbers took twice as long).
    const whole = Math.floor(size);
    if (whole === size) {
      if (x < 0) out[at++] = 0x2d;
      return writeInt32(whole | 0, out, at);
    }
    const micros = Math.round(size * 1e6);
    if (micros / 1e6 === size) {
      if (x < 0) out[at++] = 0x2d;
      at = writeInt32(whole | 0, out, at);
      out[at++] = 0x2e;
      // Six digits, zero-padded, without the trailing zeros (one at least stays: size is not whole);
      // the zeros are stripped three, two, one at a time (a loop of one at a time: 7% slower).
      let fraction = (micros - whole * 1e6) | 0;
      let digits = 6;
      if (fraction % 1000 === 0) {
        fraction = (fraction / 1000) | 0;
        digits = 3;
      }
      if (fraction % 100 === 0) {
        fraction = (fraction / 100) | 0;
        digits -= 2;
      }
      if (fraction % 10 === 0) {
        fraction = (fraction / 10) | 0;
        digits -= 1;
      }
      writePadded(fraction, digits, out, at);
      return at + digits;
    }
  } else if (size < 1e15 && Number.isInteger(size)) {
    if (x < 0) out[at++] = 0x2d;
    const high = Math.floor(size / 1e9);
    at = writeInt32(high, out, at);
    return writePadded(size - high * 1e9, 9, out, at);
  }
  const text = Number.isFinite(x) ? String(x) : 'null';
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/** The decimal digits of 0 <= y < 2^31. */
function writeInt32(y: number, out: Uint8Array, at: number): number {
  return writePadded(y, digitCount(y), out, at);
}

function digitCount(y: number): number {
  if (y < 100000) return y < 100 ? (y < 10 ? 1 : 2) : y < 1000 ? 3 : y < 10000 ? 4 : 5;
  return y < 10000000 ? (y < 1000000 ? 6 : 7) : y < 100000000 ? 8 : y < 1000000000 ? 9 : 10;
}

/** The last `digits` decimal digits of 0 <= y < 2^31, zero-padded. */
function writePadded(y: number, digits: number, out: Uint8Array, at: number): number {
  for (let i = at + digits - 1; i >= at; i--) {
    const rest = (y / 10) | 0;
    out[i] = 0x30 + y - rest * 10;
    y = rest;
  }
  return at + digits;
}
