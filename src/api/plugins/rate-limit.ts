// Rate limits with @fastify/rate-limit's limiter and store: ISOPLAN_RATE_LIMIT requests a minute per
// client (clientKey, http/client-key.ts: its token, or its address without one). A route's `cost` (route config,
// next to its `scope`) is how many of them one call uses: 1 unless said, 10 for the simulator, validation,
// CI check and forecast routes (a run there costs what hundreds of reads do), 0 for the health probes. Every
// answer carries the budget (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`, IETF
// draft-ietf-httpapi-ratelimit-headers); the call that overspends it is a 429 problem with `Retry-After`.
//
// The auth hook (auth.ts) calls `app.spendRateBudget` once it knows whose budget it is, and before it
// refuses anything, so that guessing tokens is limited like any other request.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.js';

/** What a run of the simulator or a validation costs, in reads. */
export const SIMULATION_COST = 10;
export const RATE_WINDOW_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How many requests of the client's per-minute budget one call uses (1 unless said). */
    cost?: number;
  }
  interface FastifyInstance {
    /**
     * Spends `cost` (the route's, unless given) from the budget `key` names (clientKey); RateLimitedError
     * (429) once it is spent.
     */
    spendRateBudget(request: FastifyRequest, reply: FastifyReply, key: string, cost?: number): Promise<void>;
  }
  interface FastifyRequest {
    /** Whose budget the request spends (clientKey). */
    rateKey: string;
  }
}

export class RateLimitedError extends DomainError {
  /** `left`: what is left of the budget, too little for this call's `cost` (0 once it is all spent). */
  constructor(limit: number, retryAfterSeconds: number, left = 0, cost = 1) {
    const spent =
      left === 0
        ? `the rate limit of ${limit} requests a minute for this client is spent`
        : `this call costs ${cost} requests and ${left} of the ${limit} a minute are left for this client`;
    super({
      type: 'rate-limited',
      title: 'Too many requests',
      status: 429,
      detail:
        `${spent} (the simulator, validations, CI checks and forecasts count ${SIMULATION_COST}); ` +
        `try again in ${retryAfterSeconds} s`,
      extensions: { limit, retryAfterSeconds },
    });
  }
}

async function rateLimits(app: FastifyInstance, options: { perMinute: number }): Promise<void> {
  app.decorateRequest('rateKey', '');
  if (options.perMinute === 0) {
    app.decorate('spendRateBudget', async () => {});
    return;
  }
  // Not global: the plugin's own per-route hooks would run before we know whose budget it is.
  await app.register(rateLimit, { global: false });
  const take = app.createRateLimit({
    max: options.perMinute,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (request) => request.rateKey,
  });
  const policy = `${options.perMinute};w=${RATE_WINDOW_MS / 1000}`;

  async function spend(request: FastifyRequest, reply: FastifyReply, key: string, given?: number) {
    request.rateKey = key;
    // A budget smaller than a run's cost still lets a run through, on a whole budget.
    const cost = Math.min(given ?? request.routeOptions.config?.cost ?? 1, options.perMinute);
    if (cost === 0) return;
    // A call that costs more than is left is refused without spending it: a run refused with 9 reads
    // left must not take those 9 with it. A costlier call looks first; a call of cost 1 (most of them)
    // just takes, which is the same, with one look-up of the store instead of two.
    let affordable = true;
    let state = await take(request, { increment: cost === 1 });
    if (state.isAllowed) return; // no allow list: never
    if (cost > 1) {
      affordable = state.remaining >= cost;
      if (affordable) for (let spent = 0; spent < cost; spent++) state = await take(request);
    }
    if (state.isAllowed) return;
    reply
      .header('ratelimit-policy', policy)
      .header('ratelimit-limit', state.max)
      .header('ratelimit-remaining', state.remaining)
      .header('ratelimit-reset', state.ttlInSeconds);
    if (!affordable || state.isExceeded)
      throw new RateLimitedError(state.max, state.ttlInSeconds, state.remaining, cost);
  }

  // One spending at a time per budget: the look and the takes of one call are awaits apart, and calls on
  // one budget interleaved there all saw the same budget left and overdrew it together (three runs at once
  // on a budget with room for two were all refused, and the budget spent by them all). Other budgets'
  // calls do not wait. The store is in memory: no I/O waits.
  const spending = new Map<string, Promise<unknown>>();
  app.decorate(
    'spendRateBudget',
    (request: FastifyRequest, reply: FastifyReply, key: string, given?: number): Promise<void> => {
      const turn = (spending.get(key) ?? Promise.resolve()).then(() => spend(request, reply, key, given));
      const settled = turn.catch(() => {});
      spending.set(key, settled);
      // The last call on a budget removes its turn once done: the map holds only budgets in use.
      void settled.then(() => {
        if (spending.get(key) === settled) spending.delete(key);
      });
      return turn;
    },
  );
}

export default fp(rateLimits, { name: 'isoplan-rate-limit', fastify: '5.x' });
