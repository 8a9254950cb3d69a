// The edge type is the domain model's; re-exported here so graph code depends on one small module.
export type { DependencyEdge } from '../model.js';
