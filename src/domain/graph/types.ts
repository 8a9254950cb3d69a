/** A dependency: `issue` is blocked by `blockedBy` (`blockedBy` must be finished first). */
export interface DependencyEdge {
  issue: string;
  blockedBy: string;
}
