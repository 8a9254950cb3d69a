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

declare module '*/src/web/url-state.js' {
  export type FocusMode = 'both' | 'upstream' | 'downstream' | 'goal';
  export interface PageState {
    tab: string;
    issue: string | null;
    focus: string | null;
    focusMode: FocusMode;
    fold: 'auto' | 'all' | 'none' | string[] | { except: string[] };
    status: string;
    label: string;
    text: string;
    sort: string;
    descending: boolean;
    whatIf: string[];
  }
  export const DEFAULT_STATE: PageState;
  export function parseState(search: string, tabs: string[]): PageState;
  export function formatState(state: PageState): string;
  export function withoutMissingIssues(state: PageState, holds: (key: string) => boolean): PageState;
}

declare module '*/src/web/graph-focus.js' {
  export function searchIssues<T extends { key: string; title: string }>(
    issues: T[],
    query: string,
    limit?: number,
  ): T[];
  export function focusSet(
    key: string,
    mode: 'both' | 'upstream' | 'downstream' | 'goal',
    byKey: Map<string, unknown>,
    plan: unknown,
  ): Set<string>;
  export function pathToGoal(key: string, byKey: Map<string, unknown>, plan: unknown): string[];
}

declare module '*/src/web/issue-editor.js' {
  export function parseLabels(text: string): string[];
  export function parseEstimate(text: string): { value: number | null } | { problem: string };
  export function changedFields(issue: unknown, next: Record<string, unknown>): Record<string, unknown>;
}

declare module '*/src/web/feed-view.js' {
  export function newlyUnblocked(before: string[], after: string[], blockedBefore: Set<string>): string[];
}

declare module '*/src/web/write-errors.js' {
  export function changesSince(
    events: { actor: string; action: string; target: string | null; before: unknown; after: unknown }[],
    key: string,
    revision: number | undefined,
  ): string[];
}

declare module '*/src/web/format.js' {
  export function verdictWord(issue: { verdict: string | null; status: string }): string;
}

declare module '*/src/web/event-stream.js' {
  export interface StreamEvent {
    type: string;
    data: string;
  }
  export function createEventStreamParser(
    onEvent: (event: StreamEvent) => void,
    onRetry?: (ms: number) => void,
  ): { push(chunk: string): void };
}
