// PUT /v1/projects/:project/issues/:key/checks: how the simulator checks an issue (its simulator checks;
// the CI checks of a change are ci-checks.ts).
import { ChecksBodySchema } from '../schemas/issue-checks.js';
import { issueFieldRoute } from './issue-field-route.js';

export const issueCheckRoutes = issueFieldRoute({
  field: 'checks',
  body: ChecksBodySchema,
  summary: "Replace an issue's checks (honours If-Match)",
  description:
    'Each check is `{ name, workload }` (see `GET /v1/sim/workloads`) or `{ name, program }` (simulator ' +
    'operations). Unknown workloads and invalid programs are a 400 naming each problem.',
});
