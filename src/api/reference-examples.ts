// What the API reference (/docs) pre-fills, so that "Try it out" works on the demo as shipped without
// editing a value: real keys of the demo project, real catalog components and workloads. One home for
// these values; each route names the ones its example uses (`examples` in its schema, next to its
// description). test/api/reference-examples.test.ts runs every operation's example against a fresh demo.
//
// The examples keep the demo's story: reads read it; writes either act on what another example creates
// (the project `scratch`, the issue `my-first-issue`, the dependency below), or write what the demo
// already holds (an issue's own claims and checks, the project's own goal).
import { readFileSync } from 'node:fs';
import type { ProjectDocument } from '../domain/model.js';
import { DEMO_FILE } from '../store/demo.js';

const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as ProjectDocument;
const demoIssue = (key: string) => {
  const issue = demo.issues.find((i) => i.key === key);
  if (issue === undefined) throw new Error(`the demo has no issue '${key}' (src/api/reference-examples.ts)`);
  return issue;
};

/** The demo project. */
export const DEMO_PROJECT = demo.project.slug;
/** Created by POST /v1/projects's example; changed, replaced (import) and deleted by the other examples. */
export const SCRATCH_PROJECT = 'scratch';
/** Created by POST …/issues's example in the demo; changed and deleted by the other issue examples. */
export const NEW_ISSUE = 'my-first-issue';
/** A ready issue of the demo, with claims and checks: the one the read and field examples use. */
export const DEMO_ISSUE = demoIssue('freelist-tuple').key;
/** The demo's last issue, blocked (transitively) by most others. */
export const BLOCKED_ISSUE = demoIssue('bpo-40512').key;
/** An edge the demo does not have and that closes no cycle: PUT's example adds it, DELETE's removes it. */
export const NEW_EDGE = {
  key: demoIssue('debug-cross-interpreter-check').key,
  blocker: demoIssue('obmalloc-per-interpreter').key,
};
/** The issue on the critical path that the what-if example takes as done. */
export const WHAT_IF_DONE = [demoIssue('bpo-40255').key];
/** The commit the CI check example checks, and whose status the status example reads. */
export const EXAMPLE_SHA = '4f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b';
/** Ids the examples read: the first validation run and the first CI check run of a fresh demo. */
export const FIRST_RUN_ID = '1';

/** DEMO_ISSUE's own claims and checks, and the demo's own goal: replacing them with themselves changes nothing. */
export const DEMO_ISSUE_CLAIMS = demoIssue(DEMO_ISSUE).claims;
export const DEMO_ISSUE_CHECKS = demoIssue(DEMO_ISSUE).checks;
export const DEMO_GOAL = demo.project.goal;

/** A two-issue project, imported into `scratch`. */
export const EXAMPLE_DOCUMENT: ProjectDocument = {
  version: 1,
  project: {
    slug: SCRATCH_PROJECT,
    name: 'Scratch',
    description: 'Imported from the API reference',
    goal: [{ name: 'tuple-churn', workload: 'tuple-churn' }],
    defaultEstimateDays: 1,
  },
  issues: [
    {
      key: 'obmalloc',
      title: 'Per-interpreter object allocator',
      body: '',
      status: 'open',
      estimateDays: 5,
      parent: null,
      url: null,
      labels: ['allocator'],
      claims: [{ component: 'obmalloc', placement: 'per-interpreter' }],
      checks: [{ name: 'allocator', workload: 'allocator' }],
    },
    {
      key: 'tuple',
      title: 'Per-interpreter tuple free list',
      body: '',
      status: 'open',
      estimateDays: 2,
      parent: null,
      url: null,
      labels: ['freelist'],
      claims: [{ component: 'freelist.tuple', placement: 'per-interpreter' }],
      checks: [{ name: 'tuple-churn', workload: 'tuple-churn' }],
    },
  ],
  dependencies: [{ issue: 'tuple', blockedBy: 'obmalloc' }],
};

/** Tuple churn in two interpreters with CPython 3.8's layout: the simulator reports the shared free list. */
export const EXAMPLE_SCENARIO = {
  name: 'tuple churn, CPython 3.8 layout',
  seed: 1,
  runs: 10,
  interpreters: [
    { name: 'main', program: [{ op: 'workload', name: 'tuple-churn' }] },
    {
      name: 'sub',
      config: { preset: 'isolated' },
      program: [
        {
          op: 'repeat',
          times: 100,
          body: [
            { op: 'alloc', type: 'tuple', as: 't' },
            { op: 'free', ref: 't' },
          ],
        },
      ],
    },
  ],
};

/**
 * The token POST /v1/tokens's example makes, and DELETE's example revokes: a write token for a CI job.
 * On a service whose first token is the reader's own admin token (`isoplan token create`, README), the
 * example's token is the second: never the one the reader authorized with.
 */
export const NEW_TOKEN = { name: 'ci-bot', scope: 'write', expiresInDays: 30 } as const;
export const NEW_TOKEN_ID = '2';

/** The path parameters of a read of the demo, and of one of its issues. */
export const ON_DEMO = { params: { project: DEMO_PROJECT } };
export const ON_DEMO_ISSUE = { params: { project: DEMO_PROJECT, key: DEMO_ISSUE } };
