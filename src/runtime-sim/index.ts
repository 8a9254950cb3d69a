// The public surface of the per-interpreter runtime simulator (pure: no I/O beyond loading its
// package data once; imports nothing of ours).

export { assertNever } from './assert-never.js';
export type { Bindings, RefBinding } from './bindings.js';
export {
  type Catalog,
  type Component,
  type ComponentKind,
  catalog,
  freeListOf,
  getCatalog,
  getComponent,
  placements312,
} from './catalog.js';
export { CREATION_APIS, type CreationApi, creationFailure, DEFAULT_CREATION_API } from './creation-api.js';
export { checkImport, type ExtensionDef, type ImportCheckOverride } from './import-rules.js';
export {
  type ConfigRefusal,
  checkConfig,
  checkOperation,
  hasOwnGil,
  type InterpreterConfig,
  ISOLATED_CONFIG,
  LEGACY_CONFIG,
  MAIN_CONFIG,
  type PyStatus,
  type RaisedException,
  type RuleFailure,
  resolveConfig,
} from './interpreter-config.js';
export { type PlacementProblem, placementProblems } from './layout.js';
export { MAX_NESTING, NESTED_TOO_DEEP, pathNestedTooDeep } from './nesting.js';
export {
  ALLOC_TYPES,
  type AllocType,
  MAX_INT_DIGITS,
  MAX_LONG_NAME_LENGTH,
  MAX_NAME_LENGTH,
  OP_NAMES,
  OPS,
  type Op,
  type OpName,
  OpSchema,
  opLabel,
  SINGLETON_NAMES,
} from './ops.js';
export {
  EXTENSION_PLACEMENT_ALIASES,
  isPlacement,
  LAYOUT_PLACEMENTS,
  type LayoutPlacement,
  normalizePlacement,
  PLACEMENTS,
  type Placement,
} from './placement.js';
export { type InterpreterState, interpreterStates } from './pystate.js';
export {
  BASELINE_RULES,
  ExtensionSchema,
  type ExtensionSpec,
  estimateCost,
  estimateSteps,
  INTERPRETER_COST,
  InterpreterSchema,
  type InterpreterSpec,
  layoutProblems,
  MAX_SIMULATED_COST,
  MULTIPLE_INTERPRETERS_SLOTS,
  type ParseResult,
  PYTHON_VERSIONS,
  type PythonVersion,
  parseScenario,
  programSteps,
  rulesOf,
  type Scenario,
  type ScenarioInput,
  type ScenarioProblem,
  ScenarioSchema,
} from './scenario.js';
export { type RunOptions, runScenario } from './scheduler.js';
export {
  CatalogSchema,
  ComponentSchema,
  PlacementSchema,
  ProblemSchema,
  SimReportSchema,
  SimStatsSchema,
  StepSchema,
  StressReportSchema,
  ViolationSchema,
  WorkloadSchema,
} from './schemas.js';
export {
  DEFAULT_STRESS_TIME_MS,
  runStress,
  type StressComponentResult,
  type StressOptions,
  type StressReport,
  type StressWorkerMessage,
} from './stress.js';
export {
  type SimReport,
  type SimStats,
  type Step,
  VIOLATION_KINDS,
  type Violation,
  type ViolationCause,
  type ViolationKind,
} from './violations.js';
export {
  type CheckInput,
  DEFAULT_SETTING,
  exercisedComponents,
  getWorkload,
  importExtensionWorkload,
  type Setting,
  type SettingInterpreter,
  scenarioForCheck,
  touchWorkload,
  type Workload,
  workloads,
} from './workloads.js';
