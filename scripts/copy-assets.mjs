// After `tsc -p tsconfig.build.json`: copies the files tsc does not emit next to the compiled code,
// so that `node dist/cli/main.js` runs like `bin/isoplan` (the dashboard's static files and the
// stress-mode worker). Data (data/, prisma/migrations) is found by walking up from dist/.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
cpSync(join(root, 'src/web'), join(root, 'dist/web'), { recursive: true });
for (const file of readdirSync(join(root, 'src/runtime-sim')).filter((f) => f.endsWith('.mjs'))) {
  cpSync(join(root, 'src/runtime-sim', file), join(root, 'dist/runtime-sim', file));
}
console.log('copied src/web and the runtime-sim workers into dist/');
