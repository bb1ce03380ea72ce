/**
 * OpenTelemetry tracing of every graph run, exported over OTLP/HTTP protobuf: the route MLflow
 * documents for LangGraph.js (MLflow ≥ 3.6 ingests it at /v1/traces), and what Jaeger, Tempo,
 * Phoenix, Langfuse and any OTel collector accept.
 *
 * OpenInference's LangChain instrumentation adds one OTel tracer to every LangChain callback
 * manager; the framework's callbacks carry the run context into each parallel branch, so one
 * query is one trace, exactly as in LangSmith. Loaded only when tracing is on (see
 * opentelemetry.ts): these packages cost cold-start time the plain CLI does not pay.
 */
import { LangChainInstrumentation } from "@arizeai/openinference-instrumentation-langchain";
import * as CallbackManagerModule from "@langchain/core/callbacks/manager";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import { RedactingSpanExporter } from "./opentelemetry-redaction.js";
import {
  CountingSpanExporter,
  CountingSpanProcessor,
  registerSpanDelivery,
  SpanDelivery,
  type SpanDeliveryReport,
  unregisterSpanDelivery,
} from "./span-delivery.js";
import { noteInstrumentation } from "./traced-run.js";

type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;

/** service.name unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names another. */
export const DEFAULT_SERVICE_NAME = "recipe-filters";

/** The batch span processor's queue (the SDK's default, stated so the delivery count knows it). */
const DEFAULT_MAX_QUEUE_SIZE = 2048;

export interface OpenTelemetryOptions {
  /**
   * The OTLP/HTTP traces URL. Default: the exporter's own reading of the standard variables
   * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces),
   * as are headers, compression and timeout when not given here.
   */
  url?: string;
  /** Request headers, e.g. { "x-mlflow-experiment-id": "123" }; added to OTEL_EXPORTER_OTLP_*HEADERS. */
  headers?: Record<string, string>;
  compression?: "gzip" | "none";
  /** Key values to cut out of every span, besides anything shaped like a key. */
  secrets?: readonly string[];
  /** Resource attributes over the default and the environment's, e.g. { "service.name": "menu-search" }. */
  resourceAttributes?: Record<string, string>;
  /** The batch span processor's queue: spans ending while it is full are dropped (and counted). Default 2048. */
  maxQueueSize?: number;
  /** How ended spans reach the exporter. Default: a BatchSpanProcessor (see the note at `startOpenTelemetry`). */
  spanProcessor?: (exporter: SpanExporter) => SpanProcessor;
}

export interface OpenTelemetryTracing {
  /**
   * Waits for the runs' end callbacks, then sends every pending span; gives up after
   * `timeoutMs` (true = everything was accepted by the endpoint).
   */
  flush(timeoutMs: number): Promise<boolean>;
  /** Flushes, stops exporting and removes the instrumentation from LangChain. */
  shutdown(): Promise<void>;
  /** Traces seen and how many did not reach the endpoint (dropped, failed or still waiting). */
  delivery(): SpanDeliveryReport;
}

/** The instrumentation's own undo; not in its typings, but what it runs before patching again. */
interface Unpatchable {
  unpatch(module: typeof CallbackManagerModule): void;
}

/**
 * Starts tracing every LangChain/LangGraph run of this process. One at a time: starting
 * again replaces the previous instrumentation.
 *
 * A batch processor, not a simple one: a simple processor exports each span the moment it
 * ends, and the spans of queries in flight together end together — past the exporter's limit
 * of 30 concurrent exports, spans are dropped without a word. Its queue still drops spans when
 * exports fall behind; every span is counted (span-delivery.ts), a batch waits while the
 * backlog is large, and what was lost is reported.
 */
export function startOpenTelemetry(options: OpenTelemetryOptions = {}): OpenTelemetryTracing {
  const maxQueueSize = options.maxQueueSize ?? DEFAULT_MAX_QUEUE_SIZE;
  const delivery = new SpanDelivery(options.spanProcessor ? undefined : maxQueueSize);
  const exporter = new CountingSpanExporter(
    new RedactingSpanExporter(
      new OTLPTraceExporter({
        url: options.url,
        headers: options.headers,
        compression: options.compression as ExporterConfig["compression"],
      }),
      options.secrets ?? [],
    ),
    delivery,
  );
  // A bare provider ignores OTEL_SERVICE_NAME: the environment's attributes go over our default.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ "service.name": DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes(options.resourceAttributes ?? {}));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [
      new CountingSpanProcessor(
        (
          options.spanProcessor ??
          ((e) => new BatchSpanProcessor(e, { maxQueueSize, maxExportBatchSize: Math.min(512, maxQueueSize) }))
        )(exporter),
        delivery,
      ),
    ],
  });
  registerSpanDelivery(delivery);
  // Not `enabled`: that would hook every later require() looking for a CommonJS copy of
  // @langchain/core; the module this process really uses is patched by hand instead.
  const instrumentation = new LangChainInstrumentation({
    tracerProvider: provider,
    instrumentationConfig: { enabled: false },
  });
  instrumentation.manuallyInstrument(CallbackManagerModule);
  noteInstrumentation(true);
  let instrumented = true;

  const flush = async (timeoutMs: number) => {
    let timer: NodeJS.Timeout | undefined;
    const sent = (async () => {
      // A run's end callback can land after invoke() resolves; its span must end before the flush.
      await awaitAllCallbacks();
      await provider.forceFlush();
      return true;
    })().catch(() => false);
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([sent, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    flush,
    delivery: () => delivery.report(),
    async shutdown() {
      unregisterSpanDelivery(delivery);
      if (instrumented) noteInstrumentation(false);
      instrumented = false;
      (instrumentation as unknown as Partial<Unpatchable>).unpatch?.(CallbackManagerModule);
      await awaitAllCallbacks();
      await provider.shutdown().catch(() => undefined);
    },
  };
}
