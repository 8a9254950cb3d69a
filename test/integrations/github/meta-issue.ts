// A meta issue on the fake GitHub as a demanding user has one: nested sub-issues, dependencies within
// the repository and a blocker in another repository.
//
//   python/cpython#1  "One GIL per interpreter" (the meta issue)
//   ├── #2  "Move the tuple free list"            closed (completed), estimate: 2d
//   ├── #3  "Per-interpreter allocator"           blocked by #2 and by ericsnowcurrently/lib#9
//   │   └── #4  "Isolate obmalloc state"          assigned (in progress)
//   │       └── #5  "Drop the global arenas"      blocked by #4
//   └── #6  "Immortal singletons"                 closed as not planned
import type { FakeGithub } from './fake-github.js';

export const HOME = 'python/cpython';
export const ELSEWHERE = 'ericsnowcurrently/lib';
export const META = 1;

/** Resets the fake GitHub to hold this meta issue and nothing else. */
export function givenMetaIssue(fake: FakeGithub): void {
  fake.reset();
  fake.issue(HOME, 1, { title: 'One GIL per interpreter', body: 'The meta issue.' });
  fake.issue(HOME, 2, { title: 'Move the tuple free list', state: 'closed', labels: ['estimate: 2d'] });
  fake.issue(HOME, 3, { title: 'Per-interpreter allocator', labels: ['estimate:5'] });
  fake.issue(HOME, 4, { title: 'Isolate obmalloc state', assignees: ['ericsnowcurrently'] });
  fake.issue(HOME, 5, { title: 'Drop the global arenas' });
  fake.issue(HOME, 6, { title: 'Immortal singletons', state: 'closed', state_reason: 'not_planned' });
  fake.issue(ELSEWHERE, 9, { title: 'Thread-safe refcounts in the helper library' });
  for (const n of [2, 3, 6]) fake.setParent([HOME, n], [HOME, 1]);
  fake.setParent([HOME, 4], [HOME, 3]);
  fake.setParent([HOME, 5], [HOME, 4]);
  fake.setBlockedBy(
    [HOME, 3],
    [
      [HOME, 2],
      [ELSEWHERE, 9],
    ],
  );
  fake.setBlockedBy([HOME, 5], [[HOME, 4]]);
}
