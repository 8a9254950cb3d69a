// The entry of the `isoplan` process (bin/isoplan loads it compiled, from dist/, or from these sources).
import { main } from './main.js';

// A reader that stops early (`isoplan plan | head`) closes the pipe: the output is no longer wanted, which
// is no error of ours. Stop quietly, as a command killed by SIGPIPE would, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
