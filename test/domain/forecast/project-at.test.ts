import { describe, expect, it } from 'vitest';
import {
  type ProjectState,
  projectStatesAt,
  type TrailIssue,
} from '../../../src/domain/forecast/project-at.js';
import { trail } from './audit-trail.js';

const issue = (key: string, fields: Partial<TrailIssue> = {}): TrailIssue => ({
  key,
  status: 'open',
  estimateDays: 1,
  estimateLowDays: null,
  estimateHighDays: null,
  assignee: null,
  priority: null,
  parent: null,
  ...fields,
});
const settings = { defaultEstimateDays: 1, team: 2, start: null, workdays: [1, 2, 3, 4, 5], holidays: [] };

const endOf = (day: string) => new Date(`${day}T23:59:59Z`);

describe('the project at a past instant', () => {
  it('undoes a rename: before it, the issue had its old key, with its old fields', () => {
    const current: ProjectState = { issues: [issue('new', { status: 'done' })], edges: [], settings };
    const { states } = projectStatesAt(
      current,
      trail(
        ['2025-06-02', 'project.create', null, null, settings],
        ['2025-06-02', 'issue.create', 'old', null, issue('old')],
        ['2025-06-04', 'issue.rename', 'new', issue('old'), issue('new', { status: 'done' })],
      ),
      [endOf('2025-06-03')],
    );
    expect(states[0]!.issues).toEqual([issue('old')]);
  });

  it("takes the settings before an older sync's project.update (no before) from the change before it", () => {
    const current: ProjectState = { issues: [], edges: [], settings: { ...settings, team: 4 } };
    const rebuilt = projectStatesAt(
      current,
      trail(
        ['2025-06-02', 'project.create', null, null, { ...settings, team: 1 }],
        ['2025-06-03', 'project.update', null, { ...settings, team: 1 }, { ...settings, team: 3 }],
        ['2025-06-05', 'project.update', null, null, { ...settings, team: 4, slug: 'p' }],
      ),
      [endOf('2025-06-02'), endOf('2025-06-04'), endOf('2025-06-05')],
    );
    expect(rebuilt.states.map((s) => s!.settings.team)).toEqual([1, 3, 4]);
    expect(rebuilt.settingsUnknownBefore).toBeNull();
  });

  it('rebuilds nothing before the latest import, which kept only counts, and says when settings are unknown', () => {
    const current: ProjectState = { issues: [issue('x')], edges: [], settings: { ...settings, team: 4 } };
    const rebuilt = projectStatesAt(
      current,
      trail(
        ['2025-06-02', 'project.create', null, null, settings],
        [
          '2025-06-03',
          'project.import',
          null,
          { issues: 0, dependencies: 0 },
          { issues: 1, dependencies: 0 },
        ],
        ['2025-06-05', 'project.update', null, null, { ...settings, team: 4 }],
      ),
      [endOf('2025-06-02'), endOf('2025-06-04')],
    );
    expect(rebuilt.states[0]).toBeNull();
    expect(rebuilt.states[1]!.settings.team).toBe(4);
    expect(rebuilt.trailStart).toEqual({ action: 'project.import', at: new Date('2025-06-03T10:00:00Z') });
    expect(rebuilt.settingsUnknownBefore).toEqual(new Date('2025-06-05T10:00:00Z'));
  });
});
