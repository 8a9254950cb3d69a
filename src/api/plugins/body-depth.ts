// Request bodies nested deeper than MAX_BODY_DEPTH are refused with 400 before any handler runs. The
// checks behind the API are recursive (the simulator's program parser follows `repeat.body`): a body
// of a few kilobytes nested a thousand levels deep overflowed the stack, a 500. Real documents nest
// about a dozen levels (a scenario 7, the demo project 9).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidInputError } from '../../domain/errors.js';

export const MAX_BODY_DEPTH = 100;

/** True when `value` nests objects or arrays more than `limit` levels deep; iterative, stops early. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

async function bodyDepth(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body, MAX_BODY_DEPTH)) {
      const message = `nested more than ${MAX_BODY_DEPTH} levels deep`;
      throw new InvalidInputError(`the request body is ${message}`, [{ path: 'body', message }]);
    }
  });
}

export default fp(bodyDepth, { name: 'isoplan-body-depth', fastify: '5.x' });
