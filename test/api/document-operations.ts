// The operations of the OpenAPI document, for tests that hold every operation to a rule: one added later
// is held to it too.
import type { FastifyInstance } from 'fastify';

export interface DocumentOperation {
  /** GET, POST, …: as inject takes it. */
  method: 'GET' | 'POST';
  /** The path with each `{name}` replaced by its value in `params`. */
  url: string;
  operationId: string;
  summary?: string;
  description?: string;
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

type Operation = Omit<DocumentOperation, 'method' | 'url'>;

export async function documentOperations(
  app: FastifyInstance,
  params: Readonly<Record<string, string>>,
): Promise<DocumentOperation[]> {
  const document = (await app.inject({ url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      ...operation,
      method: method.toUpperCase() as 'POST',
      url: path.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole),
    })),
  );
}
