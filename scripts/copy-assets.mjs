// After `tsc -p tsconfig.build.json`: copies the files tsc does not emit next to the compiled code,
// so that `node dist/cli/bin.js` runs like the sources (the dashboard's static files and the
// stress-mode worker). Data (data/, prisma/migrations) is found by walking up from dist/. Last, it writes
// dist/.build-stamp: bin/isoplan runs dist/ only while no source is newer than that stamp.
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
cpSync(join(root, 'src/web'), join(root, 'dist/web'), { recursive: true });
for (const file of readdirSync(join(root, 'src/runtime-sim')).filter((f) => f.endsWith('.mjs'))) {
  cpSync(join(root, 'src/runtime-sim', file), join(root, 'dist/runtime-sim', file));
}
writeFileSync(join(root, 'dist/.build-stamp'), `${new Date().toISOString()}\n`);
console.log('copied src/web and the runtime-sim workers into dist/; wrote dist/.build-stamp');
