// Trace spans around the service's own work (a plan computed, a validation or a simulator run), through
// the OpenTelemetry API. Tracing is off unless the server entry started it (src/cli/tracing.ts, when
// OTEL_EXPORTER_OTLP_ENDPOINT is set): off, `inSpan` calls its function and nothing else.
import { type Attributes, SpanStatusCode, trace } from '@opentelemetry/api';

let enabled = false;

/** Called by the tracing start-up and shut-down only. */
export function setSpansEnabled(on: boolean): void {
  enabled = on;
}

/**
 * Runs `work` in a span named `name` (a child of the active span: the request's), ended when `work`
 * settles; a thrown error is recorded on it.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T> | T): Promise<T> {
  if (!enabled) return Promise.resolve().then(work);
  return trace.getTracer('isoplan').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
