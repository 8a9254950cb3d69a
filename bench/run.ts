// `npm run bench -- <name...>`: runs bench/<name>.ts (each exports `run(args)`); no name runs them all.
// Benchmarks print ratios against a baseline measured in the same process, never pass/fail on time.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Bench {
  run(args: string[]): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('.'.repeat(2)))
  .map((f) => f.slice(0, -3))
  .filter((name) => !name.includes('.'))
  .sort();

const [first, ...rest] = process.argv.slice(2);
const names = first === undefined ? available : [first];
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark '${name}'; available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${name} ==`);
  const bench = (await import(`./${name}.ts`)) as Bench;
  await bench.run(first === undefined ? [] : rest);
}
