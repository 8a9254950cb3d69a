// Waiting in a test for something another part of the system does: `condition` is polled until it holds,
// or the test fails after `ms` (an upper bound for a loaded machine, never a measurement).
export async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
