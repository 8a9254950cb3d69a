// After `tsc -p tsconfig.build.json`: copies the files tsc does not emit next to the compiled code,
// so that `node dist/cli/bin.js` runs like the sources (the dashboard's static files and the
// stress-mode worker). Data (data/, prisma/migrations) is found by walking up from dist/. Last, it writes
// dist/.build-stamp: bin/isoplan runs dist/ only while no source is newer than that stamp.
// `node scripts/copy-assets.mjs DIR` does it for a build in DIR instead (`tsc … --outDir DIR`).
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] === undefined ? join(root, 'dist') : resolve(process.argv[2]);
cpSync(join(root, 'src/web'), join(out, 'web'), { recursive: true });
for (const file of readdirSync(join(root, 'src/runtime-sim')).filter((f) => f.endsWith('.mjs'))) {
  cpSync(join(root, 'src/runtime-sim', file), join(out, 'runtime-sim', file));
}
writeFileSync(join(out, '.build-stamp'), `${new Date().toISOString()}\n`);
console.log(`copied src/web and the runtime-sim workers into ${out}; wrote its .build-stamp`);
