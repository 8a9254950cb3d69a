// Who asked for a stored run (a validation run, a CI check run), in the run's own columns `actor`,
// `onBehalfOf` and `tokenId` (0008_run_requester), as an audit event names a change's author. A run stored
// before 0008 has no actor: its requester is unknown (null).
import type { Requester } from '../domain/access/actors.js';

interface RequesterColumns {
  actor: string | null;
  onBehalfOf: string | null;
  tokenId: string | null;
}

export function requesterColumns(requester: Requester | null): RequesterColumns {
  return requester === null
    ? { actor: null, onBehalfOf: null, tokenId: null }
    : { actor: requester.actor, onBehalfOf: requester.onBehalfOf, tokenId: requester.tokenId };
}

export function requesterOf(row: RequesterColumns): Requester | null {
  return row.actor === null ? null : { actor: row.actor, onBehalfOf: row.onBehalfOf, tokenId: row.tokenId };
}
