// The public surface of the per-interpreter runtime simulator (pure: no I/O beyond loading its
// package data once; imports nothing of ours).

export { assertNever } from './assert-never.js';
export {
  type Catalog,
  type Component,
  type ComponentKind,
  catalog,
  defaultPlacement,
  getCatalog,
  getComponent,
  placements312,
} from './catalog.js';
export {
  checkConfig,
  checkOperation,
  hasOwnGil,
  type InterpreterConfig,
  ISOLATED_CONFIG,
  LEGACY_CONFIG,
  MAIN_CONFIG,
  type RuleFailure,
  resolveConfig,
} from './config.js';
export { checkImport, type ExtensionDef } from './import-rules.js';
export {
  EXTENSION_PLACEMENT_ALIASES,
  isPlacement,
  LAYOUT_PLACEMENTS,
  type LayoutPlacement,
  normalizePlacement,
  PLACEMENTS,
  type Placement,
} from './placement.js';
export { type InterpreterState, interpreterStates, type RunOptions, runScenario } from './runtime.js';
export {
  ALLOC_TYPES,
  type AllocType,
  ExtensionSchema,
  type ExtensionSpec,
  estimateSteps,
  InterpreterSchema,
  type InterpreterSpec,
  layoutProblems,
  MAX_SIMULATED_STEPS,
  MULTIPLE_INTERPRETERS_SLOTS,
  OP_NAMES,
  type Op,
  OpSchema,
  type ParseResult,
  type Problem,
  PYTHON_VERSIONS,
  parseScenario,
  programSteps,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
  SINGLETON_NAMES,
} from './scenario.js';
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
  runStress,
  type StressComponentResult,
  type StressOptions,
  type StressReport,
  type StressWorkerMessage,
} from './stress.js';
export {
  kindRank,
  type SimReport,
  type SimStats,
  type Step,
  VIOLATION_KINDS,
  type Violation,
  type ViolationKind,
} from './violations.js';
export {
  type CheckInput,
  DEFAULT_SETTING,
  getWorkload,
  importExtensionWorkload,
  type Setting,
  type SettingInterpreter,
  scenarioForCheck,
  touchWorkload,
  type Workload,
  workloads,
} from './workloads.js';
