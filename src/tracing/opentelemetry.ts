/**
 * OpenTelemetry tracing from the standard variables, for the entry points (CLI, eval, the
 * Studio graph). Cheap to import: the SDK is loaded only when an OTLP endpoint is set, so
 * the plain CLI's cold start does not pay for it.
 */
import { redactSecrets, secretsFromEnv } from "../secrets/redact.js";
import { FLUSH_TIMEOUT_MS } from "./langsmith.js";
import type { OpenTelemetryOptions, OpenTelemetryTracing } from "./opentelemetry-sdk.js";
import type { SpanDeliveryReport } from "./span-delivery.js";

export type { OpenTelemetryOptions, OpenTelemetryTracing } from "./opentelemetry-sdk.js";
export type { SpanDeliveryReport } from "./span-delivery.js";

/** On when an OTLP traces endpoint is set, unless the SDK is switched off the standard way. */
export function openTelemetryEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return false;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === "none") return false;
  return !!(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/** Starts OTel tracing configured in code (see OpenTelemetryOptions); loads the SDK on first use. */
export async function enableOpenTelemetry(options: OpenTelemetryOptions = {}): Promise<OpenTelemetryTracing> {
  const { startOpenTelemetry } = await import("./opentelemetry-sdk.js");
  return startOpenTelemetry(options);
}

/**
 * Starts OTel tracing when the variables ask for it: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_ENDPOINT), OTEL_EXPORTER_OTLP_TRACES_HEADERS, OTEL_EXPORTER_OTLP_COMPRESSION,
 * OTEL_SERVICE_NAME — read by the exporter and the resource detector themselves, as the spec
 * says. Undefined when tracing is off.
 */
export async function openTelemetryFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenTelemetryTracing | undefined> {
  if (!openTelemetryEnabled(env)) return undefined;
  return enableOpenTelemetry({ secrets: secretsFromEnv(env) });
}

/**
 * For a process about to exit: sends pending spans, waiting FLUSH_TIMEOUT_MS (the LangSmith
 * bound) and longer while spans keep leaving (a batch's backlog), then says in one stderr line
 * how many traces did not reach the endpoint and why: spans dropped from a full queue, a
 * failed export, or none accepted in time. The exit code stays the answer's.
 */
export async function flushOpenTelemetryOrWarn(
  tracing: OpenTelemetryTracing | undefined,
  program: string,
): Promise<SpanDeliveryReport | undefined> {
  if (!tracing) return undefined;
  let pending = tracing.delivery().pendingSpans;
  let flushed = await tracing.flush(FLUSH_TIMEOUT_MS);
  while (!flushed && tracing.delivery().pendingSpans < pending) {
    pending = tracing.delivery().pendingSpans;
    flushed = await tracing.flush(FLUSH_TIMEOUT_MS);
  }
  const report = tracing.delivery();
  const warning = openTelemetryWarning(report, flushed);
  if (warning) process.stderr.write(`${program}: warning: ${warning}\n`);
  return report;
}

/** What the user must learn about the OTel traces of this process, or undefined when all arrived. */
export function openTelemetryWarning(report: SpanDeliveryReport, flushed: boolean): string | undefined {
  const { traces, undeliveredTraces, droppedSpans, lastFailure } = report;
  if (undeliveredTraces === 0)
    return flushed
      ? undefined
      : `the OpenTelemetry flush did not finish within ${FLUSH_TIMEOUT_MS / 1000} s; spans may be missing`;
  const why = [
    ...(droppedSpans > 0 ? [`${droppedSpans} ${droppedSpans === 1 ? "span" : "spans"} dropped from a full queue`] : []),
    ...(lastFailure ? [`last error: ${redactSecrets(lastFailure)}`] : []),
    ...(report.pendingSpans > 0 ? [`none accepted within ${FLUSH_TIMEOUT_MS / 1000} s`] : []),
  ];
  return (
    `${undeliveredTraces} of ${traces} ${traces === 1 ? "trace was" : "traces were"} not delivered to the` +
    ` OpenTelemetry endpoint (${why.join("; ") || "the endpoint did not accept them"})`
  );
}
