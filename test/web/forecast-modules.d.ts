// The forecast's dashboard modules, as the tests see them (see web-modules.d.ts: the root project does
// not compile JavaScript; these restate the JSDoc signatures).
declare module '*/src/web/timeline-model.js' {
  export interface LevelledEntry {
    key: string;
    person: string | null;
    startDay: number;
    finishDay: number;
    start: string;
    finish: string;
  }
  export interface Levelled {
    finishDays: number;
    finishDate: string;
    criticalChain: string[];
    schedule: LevelledEntry[];
  }
  export interface Bar {
    key: string;
    title: string;
    lane: number;
    startDay: number;
    finishDay: number;
    start: string;
    finish: string;
    critical: boolean;
    blockedBy: string[];
  }
  export interface Timeline {
    lanes: { name: string; bars: Bar[] }[];
    bars: Map<string, Bar>;
    days: number;
    ticks: { day: number; label: string }[];
    todayDay: number | null;
  }
  export const MILESTONES: string;
  export function timelineModel(
    levelled: Levelled,
    team: { name: string }[],
    issues: { key: string; title: string; blockedBy: string[] }[],
    when: { start: string | null; today: string; maxTicks?: number },
  ): Timeline;
}

declare module '*/src/web/burnup-model.js' {
  export interface BurnUpPoint {
    date: string;
    scope: number;
    scopeDays: number;
    done: number;
    doneDays: number;
  }
  export interface Point {
    x: number;
    y: number;
  }
  export interface DayAndDate {
    days: number;
    date: string;
  }
  export interface BurnUp {
    scope: Point[];
    done: Point[];
    cone: Point[];
    lines: { p50: Point[]; p85: Point[]; p95: Point[] };
    today: number;
    xTicks: { date: string; label: string; x: number }[];
    yTicks: { value: number; y: number }[];
    width: number;
    height: number;
    margin: { left: number; right: number; top: number; bottom: number };
  }
  export function dayOf(iso: string): number;
  export function burnUpModel(
    points: BurnUpPoint[],
    quantiles: { p50: DayAndDate; p85: DayAndDate; p95: DayAndDate },
    options: { today: string; mode: 'count' | 'days'; width: number; height: number },
  ): BurnUp;
}
