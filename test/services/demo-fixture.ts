// The demo project in a fresh temporary database, and the verdicts its validation must give.
import { loadDemoIfEmpty } from '../../src/store/demo.js';
import { createTempDatabase, type TempDatabase } from '../store/temp-database.js';

export const DEMO = 'per-interpreter-gil';

export async function demoDatabase(): Promise<TempDatabase> {
  const temp = await createTempDatabase();
  await loadDemoIfEmpty(temp.db);
  return temp;
}

/** What the simulator says of the demo as shipped. */
export const DEMO_VERDICTS = {
  // Done in 3.9, each verified by its own check.
  verified: [
    'bpo-36737',
    'bpo-36854',
    'bpo-38858',
    'bpo-39984',
    'builtins-sys-isolation',
    // Open, verified once they and their blockers land.
    'bpo-40255',
    'bpo-40512',
    'ceval-gil-drop-request',
    'ceval-signals-pending',
    'debug-cross-interpreter-check',
    'ext-ctypes',
    'ext-curses',
    'ext-datetime',
    'ext-decimal',
    'ext-elementtree',
    'ext-library-global-state',
    'ext-ssl',
    'extensions-isolation',
    'freelist-async-gen',
    'freelist-context',
    'freelist-dict',
    'freelist-float',
    'freelist-frame',
    'freelist-list',
    'freelist-slice',
    'freelist-tuple',
    'obmalloc-per-interpreter',
    'per-interpreter-local-storage',
    'unicode-interned',
    'unicode-latin1-singletons',
  ],
  // Tuple, list, dict, float and frame churn still race on the shared allocator.
  failing: ['freelists'],
  // No simulator model (parser, daemon threads) or never done (wont_do).
  untested: [
    'atomic-refcount',
    'bpo-36876',
    'bpo-39511',
    'daemon-threads-finalization',
    'isolation-build-option',
    'pymalloc-subinterpreters',
  ],
};

/** The free-list issues: marked done together, `freelists` fails (the shared allocator), a regression. */
export const DEMO_FREELIST_ISSUES = [
  'freelist-tuple',
  'freelist-list',
  'freelist-dict',
  'freelist-float',
  'freelist-frame',
  'freelists',
];
