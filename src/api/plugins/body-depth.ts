// Request bodies nested deeper than the simulator's MAX_NESTING are refused with 400 before any handler
// runs: the checks behind the API recurse (see src/runtime-sim/nesting.ts, the one home of the limit
// and its message).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidInputError } from '../../domain/errors.js';
import { NESTED_TOO_DEEP, pathNestedTooDeep } from '../../runtime-sim/index.js';

async function bodyDepth(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    if (pathNestedTooDeep(request.body) !== null) {
      throw new InvalidInputError(`the request body is ${NESTED_TOO_DEEP}`, [
        { path: 'body', message: NESTED_TOO_DEEP },
      ]);
    }
  });
}

export default fp(bodyDepth, { name: 'isoplan-body-depth', fastify: '5.x' });
