// TLS that could not be agreed, for the messages of a connection that failed: a server without it
// (PostgreSQL's sslmode=…), a certificate not trusted (Node's codes: DEPTH_ZERO_SELF_SIGNED_CERT,
// SELF_SIGNED_CERT_IN_CHAIN, ERR_SSL_…, ERR_TLS_…; pg's messages). The one test of it for the CLI.
const TLS_FAILURE = /SSL|TLS|CERT/;

export function isTlsFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return TLS_FAILURE.test(error.message) || (typeof code === 'string' && TLS_FAILURE.test(code));
}
