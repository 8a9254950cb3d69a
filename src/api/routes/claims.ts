// PUT /v1/projects/:project/issues/:key/claims: what an issue changes in the runtime once done.

import { DEMO_ISSUE_CLAIMS, ON_DEMO_ISSUE } from '../reference-examples.js';
import { ClaimsBodySchema } from '../schemas/claims.js';
import { issueFieldRoute } from './issue-field-route.js';

export const claimRoutes = issueFieldRoute({
  field: 'claims',
  body: ClaimsBodySchema,
  operationId: 'replaceClaims',
  summary: "Replace an issue's claims (honours If-Match)",
  description:
    'Each claim is `{ component, placement }`: a runtime-sim catalog component and where the issue ' +
    'moves it once done. Unknown components or placements, or a placement the component cannot take, ' +
    'are a 400 naming each. The example writes the tuple free-list issue’s own claim again.',
  examples: { ...ON_DEMO_ISSUE, body: DEMO_ISSUE_CLAIMS },
});
