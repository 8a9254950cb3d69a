// Where a piece of runtime state lives. The meta issue (bpo-40512) moves state from
// `_PyRuntimeState` (shared by every interpreter) into `PyInterpreterState`, makes objects
// immortal (PEP 683), or guards what must stay global with locks or atomics.

export const PLACEMENTS = ['shared', 'per-interpreter', 'immortal', 'atomic', 'locked'] as const;

/**
 * - `shared`: one copy in the runtime, plain (non-atomic) accesses, ordered only by a common GIL.
 * - `per-interpreter`: one copy per interpreter (`PyInterpreterState`), never touched by another.
 * - `immortal`: one shared copy whose reference counts are never written (PEP 683).
 * - `atomic`: one shared copy accessed with atomic read-modify-writes (no race; still shared).
 * - `locked`: one shared copy accessed under its own lock (no race; still shared).
 *
 * For `ext:<module>` components a placement says where the module's static globals live:
 * `shared` = single-phase init with static globals (PEP 3121 style); `per-interpreter` = converted
 * to multi-phase init (PEP 489) with module state and `Py_mod_multiple_interpreters =
 * Py_MOD_PER_INTERPRETER_GIL_SUPPORTED` (PEP 684); `locked`/`atomic` = multi-phase with the
 * per-interpreter-GIL slot, its static C globals kept but guarded (they hold no Python objects);
 * `immortal` = multi-phase, its static objects immortal. A layout override of an ext component
 * takes precedence over the scenario's `extensions[]` definition: a claim "converts" the module.
 */
export type Placement = (typeof PLACEMENTS)[number];

/** Claim spellings accepted for `ext:<module>` components, normalised by {@link normalizePlacement}. */
export const EXTENSION_PLACEMENT_ALIASES = {
  'multi-phase': 'per-interpreter',
  'single-phase': 'shared',
} as const;
export type LayoutPlacement = Placement | keyof typeof EXTENSION_PLACEMENT_ALIASES;
export const LAYOUT_PLACEMENTS = [...PLACEMENTS, 'multi-phase', 'single-phase'] as const;

export function isPlacement(value: string): value is Placement {
  return (PLACEMENTS as readonly string[]).includes(value);
}

/** `multi-phase` -> `per-interpreter`, `single-phase` -> `shared`; a placement stays itself. */
export function normalizePlacement(value: LayoutPlacement): Placement {
  return value === 'multi-phase' || value === 'single-phase' ? EXTENSION_PLACEMENT_ALIASES[value] : value;
}
