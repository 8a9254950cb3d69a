// The front end is plain JavaScript with JSDoc types, checked by src/web/tsconfig.json
// (`npx tsc -p src/web/tsconfig.json`). The root project does not compile JavaScript, so
// the tests see the modules they import through these declarations, which restate the
// JSDoc signatures.
declare module '*/src/web/dom.js' {
  export function safeHref(url: string | null | undefined): string | null;
}

declare module '*/src/web/fast-layout.js' {
  export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
  }
  export interface Layout {
    width: number;
    height: number;
    nodes: Map<string, Box>;
    edges: Map<string, string>;
    engine: string;
  }
  export function fastLayout(
    nodes: { id: string; width: number; height: number }[],
    edges: { id: string; source: string; target: string }[],
    options?: { gapX?: number; gapY?: number; margin?: number },
  ): Layout;
}

declare module '*/src/web/graph-model.js' {
  export interface GraphNode {
    id: string;
    key: string;
    title: string;
    status: string;
    ready: boolean;
    critical: boolean;
    blockedBy: string[];
    rootBlockers: string[];
    parent: string | null;
    childCount: number;
    collapsed: boolean;
    hiddenCount: number;
  }
  export interface GraphEdge {
    id: string;
    source: string;
    target: string;
    critical: boolean;
    count: number;
  }
  export function buildGraph(
    issues: unknown[],
    plan: unknown,
    collapsed?: ReadonlySet<string>,
  ): { nodes: GraphNode[]; edges: GraphEdge[]; representative: Map<string, string> };
  export function parentKeys(issues: unknown[]): Set<string>;
}

declare module '*/src/web/issue-panel.js' {
  export function historyOf<T extends { target: string | null }>(events: T[], key: string): T[];
  export function describeChange(before: unknown, after: unknown): string[];
}

declare module '*/src/web/table-view.js' {
  export interface Row {
    key: string;
    title: string;
    status: string;
    estimateDays: number | null;
    parent: string | null;
    labels: string[];
    state: 'ready' | 'blocked' | 'finished';
    blockedBy: string[];
    slack: number | null;
    critical: boolean;
    verdict: string | null;
  }
  export function toRows(issues: unknown[], plan: unknown, validation: unknown): Row[];
  export function filterRows(rows: Row[], filter: { status: string; label: string; text: string }): Row[];
  export function sortRows(rows: Row[], sort: { column: keyof Row; descending: boolean }): Row[];
}

declare module '*/src/web/viewport.js' {
  export interface View {
    x: number;
    y: number;
    k: number;
  }
  export const MIN_SCALE: number;
  export const MAX_SCALE: number;
  export function zoomAt(view: View, factor: number, px: number, py: number): View;
  export function panBy(view: View, dx: number, dy: number): View;
  export function fitView(width: number, height: number, viewWidth: number, viewHeight: number): View;
}

declare module '*/src/web/validation-view.js' {
  export function summarizeViolations(violations: { component: string; kind: string }[]): string;
  export function interestingComponents<T extends { claimed: string | null; verified: boolean | null }>(
    components: T[],
  ): T[];
}
