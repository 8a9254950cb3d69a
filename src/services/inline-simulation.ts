// What the service simulates on its event loop rather than on a worker thread: a few milliseconds, no more
// than a plan costs (a message to a worker and back costs about as much). Anything costlier runs on the
// simulator's worker pool, so that no simulation stalls the other requests, /healthz, or a shutdown. One
// rule for ad hoc runs (POST /v1/sim/run, routes/sim.ts) and for a validation's checks (check-runners.ts).

/** In the simulator's cost units (estimateCost: a plain step, 60-120 ns of CPU here): about 2 ms. */
export const INLINE_COST = 20_000;
