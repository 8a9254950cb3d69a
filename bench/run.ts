// `npm run bench -- <name> [args...]`: runs one benchmark; no name runs them all with their defaults.
// Benchmarks print ratios against a baseline measured in the same process, never pass/fail on time.

interface Bench {
  run(args: string[]): Promise<void>;
}

const BENCHES: Record<string, () => Promise<Bench>> = {
  planner: () => import('./planner.js'),
  'plan-api': () => import('./plan-api.js'),
  scale: () => import('./scale.js'),
  'live-dashboards': () => import('./live-dashboards.js'),
  import: () => import('./import.js'),
  sim: () => import('./sim.js'),
  'sim-budget': () => import('./sim-budget.js'),
  validation: () => import('./validation.js'),
  forecast: () => import('./forecast.js'),
  dashboard: () => import('./dashboard.js'),
  cli: () => import('./cli.js'),
  metrics: () => import('./metrics.js'),
  concurrency: () => import('./concurrency.js'),
  replicas: () => import('./replicas.js'),
  soak: () => import('./soak.js'),
  trail: () => import('./trail.js'),
};

const [first, ...rest] = process.argv.slice(2);
const names = first === undefined ? Object.keys(BENCHES) : [first];
for (const name of names) {
  const load = BENCHES[name];
  if (load === undefined) {
    console.error(`unknown benchmark '${name}'; available: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${name} ==`);
  await (await load()).run(first === undefined ? [] : rest);
}
