// The catalog components a check's program exercises, found statically (the component matrix's
// "checks exercising this component"). Mirrors the simulator's operations; `workload` ops expand.
import { getWorkload } from '../../runtime-sim/index.js';

const FREE_LISTS = new Set(['tuple', 'list', 'dict', 'float', 'frame', 'slice', 'context', 'async_gen']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function exercisedComponents(program: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [...program];
  let budget = 10_000; // programs are bounded by the simulator; this only guards against a bad input
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!isRecord(node)) continue;
    switch (node.op) {
      case 'alloc':
        if (typeof node.type === 'string' && FREE_LISTS.has(node.type)) out.add(`freelist.${node.type}`);
        out.add('obmalloc');
        break;
      case 'singleton':
        out.add(`singleton.${String(node.name)}`);
        break;
      case 'small_int':
        out.add('small_ints');
        break;
      case 'intern':
        out.add('unicode.interned');
        break;
      case 'char':
        out.add('unicode.latin1');
        break;
      case 'import':
      case 'call':
        out.add(`ext:${String(node.module)}`);
        out.add('import');
        break;
      case 'signal':
        out.add('ceval.signals_pending');
        break;
      case 'gil_drop_request':
        out.add('ceval.gil_drop_request');
        break;
      case 'pending_call':
        out.add('ceval.pending_calls');
        break;
      case 'gc':
        out.add('gc');
        break;
      case 'warn':
        out.add('warnings');
        break;
      case 'touch':
        if (typeof node.component === 'string') out.add(node.component);
        break;
      case 'workload': {
        const workload = typeof node.name === 'string' ? getWorkload(node.name) : undefined;
        if (workload) stack.push(...workload.program);
        break;
      }
      case 'repeat':
        if (Array.isArray(node.body)) stack.push(...node.body);
        break;
      default:
        break;
    }
  }
  return out;
}
