// Stress-mode worker: runs interpreters' update plans truly in parallel over a SharedArrayBuffer.
// Plain JavaScript on purpose (no TypeScript loader needed in the worker, under vitest, tsx or node).
// Messages (discriminated unions, see stress.ts): worker -> main `{ type: 'ready' }`,
// `{ type: 'done', passes: number[], elapsedMs: number }`, `{ type: 'error', message: string }`.
import { parentPort, workerData } from 'node:worker_threads';

const PLAIN = 1;
const ATOMIC = 2;
const LOCKED = 3;
const QUANTUM = 256;

/** @param {Int32Array} mem @param {number} word */
function lock(mem, word) {
  while (Atomics.compareExchange(mem, word, 0, 1) !== 0) {
    // spin: critical sections are a handful of instructions
  }
}

/** @param {Int32Array} mem @param {number} word */
function unlock(mem, word) {
  Atomics.store(mem, word, 0);
}

function main() {
  /** @type {{ buffer: SharedArrayBuffer, interpreters: { plan: Int32Array, gilWord: number, maxPasses: number }[], deadlineMs: number }} */
  const data = workerData;
  const mem = new Int32Array(data.buffer);
  const interps = data.interpreters;
  const passes = interps.map(() => 0);
  parentPort.postMessage({ type: 'ready' });
  // Start barrier: word 0 turns to 1 when every worker is ready.
  Atomics.wait(mem, 0, 0);
  const started = performance.now();
  const deadline = started + data.deadlineMs;
  let live = interps.length;
  while (live > 0 && performance.now() < deadline) {
    live = 0;
    for (let k = 0; k < interps.length; k++) {
      const it = interps[k];
      if (passes[k] >= it.maxPasses) continue;
      live++;
      const plan = it.plan;
      const gil = it.gilWord;
      if (gil >= 0) lock(mem, gil);
      for (let p = 0, q = 0; p < plan.length; p += 3, q++) {
        const slot = plan[p];
        const mode = plan[p + 1];
        if (mode === PLAIN) {
          // A plain read-modify-write: what Py_INCREF is without the GIL's protection.
          mem[slot] = mem[slot] + 1;
        } else if (mode === ATOMIC) {
          Atomics.add(mem, slot, 1);
        } else if (mode === LOCKED) {
          const word = plan[p + 2];
          lock(mem, word);
          mem[slot] = mem[slot] + 1;
          unlock(mem, word);
        }
        if (gil >= 0 && q % QUANTUM === QUANTUM - 1) {
          // Drop and retake the shared GIL, as the eval loop does at its switch interval.
          unlock(mem, gil);
          lock(mem, gil);
        }
      }
      if (gil >= 0) unlock(mem, gil);
      passes[k]++;
    }
  }
  parentPort.postMessage({ type: 'done', passes, elapsedMs: performance.now() - started });
}

try {
  main();
} catch (error) {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) });
}
