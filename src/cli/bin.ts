// The entry of the `isoplan` process (bin/isoplan loads it compiled, from dist/, or from these sources).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
