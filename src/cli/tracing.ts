// OpenTelemetry tracing for `isoplan serve`, started only when OTEL_EXPORTER_OTLP_ENDPOINT is set (else
// nothing here is even loaded): the SDK's Node tracer provider with W3C trace context (a `traceparent`
// header on a request continues its trace; outgoing fetches carry it on), spans exported over OTLP/HTTP
// to the endpoint in batches. The libraries make the spans: @fastify/otel for each request (route, hooks,
// handler), Prisma's instrumentation for each database operation and query, undici's for outgoing HTTP
// (GitHub); src/services/spans.ts for the service's own work (plans, validations, simulator runs).
// The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself (endpoint, headers, timeout).
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, propagation, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { setSpansEnabled } from '../services/spans.js';
import { VERSION } from './version.js';

export interface TracingOptions {
  /** Where spans go, each as it ends (tests: an in-memory exporter); default OTLP/HTTP, batched. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes the spans not yet exported and turns tracing off again. */
  shutdown(): Promise<void>;
}

/** Starts tracing for this process: call it before the app is built (its requests are traced). */
export async function startTracing(options: TracingOptions = {}): Promise<Tracing> {
  const processor =
    options.exporter === undefined
      ? new BatchSpanProcessor(
          new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter(),
        )
      : new SimpleSpanProcessor(options.exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME || 'isoplan',
      'service.version': VERSION,
    }),
    spanProcessors: [processor],
  });
  // The global tracer provider, the W3C trace-context and baggage propagators, an AsyncLocalStorage context.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Registers its plugin on every Fastify instance created from now on (Fastify's diagnostics channel).
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new PrismaInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  setSpansEnabled(true);
  return {
    async shutdown() {
      setSpansEnabled(false);
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
