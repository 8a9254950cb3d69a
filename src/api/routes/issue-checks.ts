// PUT /v1/projects/:project/issues/:key/checks: how the simulator checks an issue (its simulator checks;
// the CI checks of a change are ci-checks.ts).

import { DEMO_ISSUE_CHECKS, ON_DEMO_ISSUE } from '../reference-examples.js';
import { ChecksBodySchema } from '../schemas/issue-checks.js';
import { issueFieldRoute } from './issue-field-route.js';

export const issueCheckRoutes = issueFieldRoute({
  field: 'checks',
  body: ChecksBodySchema,
  operationId: 'replaceChecks',
  summary: "Replace an issue's checks (honours If-Match)",
  description:
    'Each check is `{ name, workload }` (see `GET /v1/sim/workloads`) or `{ name, program }` (simulator ' +
    'operations). Unknown workloads and invalid programs are a 400 naming each problem. The example writes ' +
    'the tuple free-list issue’s own check again.',
  examples: { ...ON_DEMO_ISSUE, body: DEMO_ISSUE_CHECKS },
});
