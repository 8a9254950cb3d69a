// The project's goal: the simulator checks that must hold once every issue is done; the body of PUT
// …/goal, checked like an issue's checks.
import { ChecksBodySchema } from './issue-checks.js';

export const GoalBodySchema = ChecksBodySchema.describe(
  'The checks that must hold once every issue is done (replaces the current goal)',
).meta({ id: 'Goal' });
