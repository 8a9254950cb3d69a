// Catching the InvalidInputError a domain function throws, for tests that look inside it (not a test
// file itself).
import { InvalidInputError } from '../../src/domain/errors.js';

/** The InvalidInputError `run` throws; fails the test when it throws nothing, or something else. */
export function invalidInputFrom(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError, but nothing was thrown');
}
