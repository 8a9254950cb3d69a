// The version `isoplan --version` prints: package.json's, found from this file whether it runs from src/
// (tsx) or from dist/ (compiled): both are one level under the package root.
import { readFileSync } from 'node:fs';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
