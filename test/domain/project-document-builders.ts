// Builders of project documents (src/domain/project-document.ts) for the tests that import, export and
// check them: every field filled in, so that a test names only the fields it is about.
import type { DocumentIssue, FullProjectDocument, ProjectDocument } from '../../src/domain/model.js';

export type { DocumentIssue } from '../../src/domain/model.js';

export function documentIssue(
  key: string,
  fields: Partial<DocumentIssue> = {},
): FullProjectDocument['issues'][number] {
  return {
    key,
    title: `Issue ${key}`,
    body: '',
    status: 'open',
    estimateDays: null,
    estimateLowDays: null,
    estimateHighDays: null,
    assignee: null,
    priority: null,
    parent: null,
    url: null,
    labels: [],
    claims: [],
    checks: [],
    ...fields,
  };
}

export function projectDocument(
  slug: string,
  issues: FullProjectDocument['issues'],
  dependencies: ProjectDocument['dependencies'] = [],
  project: Partial<Omit<ProjectDocument['project'], 'slug'>> = {},
): FullProjectDocument {
  return {
    version: 1,
    project: {
      slug,
      name: 'Imported',
      description: '',
      goal: [],
      defaultEstimateDays: 1,
      team: null,
      start: null,
      workdays: [1, 2, 3, 4, 5],
      holidays: [],
      ...project,
    },
    issues,
    dependencies,
  };
}
