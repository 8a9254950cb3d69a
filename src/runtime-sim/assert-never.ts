/** Exhaustiveness guard for `switch` statements: reaching it is a bug in the simulator, so it throws. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
