// Preloaded by bench/cli.ts into each process it times: reports the process's CPU time (user + system, in
// microseconds) on standard error as it exits.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-us ${user + system}\n`);
});
