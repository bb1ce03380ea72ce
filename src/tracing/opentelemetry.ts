/**
 * OpenTelemetry tracing from the standard variables, for the entry points (CLI, eval, the
 * Studio graph). Cheap to import: the SDK is loaded only when an OTLP endpoint is set, so
 * the plain CLI's cold start does not pay for it.
 */
import { redactSecrets, secretsFromEnv } from "../secrets/redact.js";
import { FLUSH_TIMEOUT_MS } from "./langsmith-settings.js";
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

/** `key=value,key=value` with URL-encoded values, the spec's format for headers and resource attributes. */
function keyValueList(text: string | undefined): Record<string, string> {
  const entries = (text ?? "").split(",").flatMap((pair) => {
    const at = pair.indexOf("=");
    if (at <= 0) return [];
    try {
      return [[pair.slice(0, at).trim(), decodeURIComponent(pair.slice(at + 1).trim())]];
    } catch {
      return [];
    }
  });
  return Object.fromEntries(entries);
}

/**
 * The standard variables as options, read from `env` — not left to the exporter and the
 * resource detector, which read the process's own environment, so that a caller that hands
 * over an environment (the CLI's `main`, a test) is obeyed: the traces endpoint
 * (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces),
 * headers (the traces-only ones win), compression, OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES.
 */
export function openTelemetryOptionsFromEnv(env: NodeJS.ProcessEnv): OpenTelemetryOptions {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || (base && `${base.replace(/\/+$/, "")}/v1/traces`);
  const compression = (env.OTEL_EXPORTER_OTLP_TRACES_COMPRESSION ?? env.OTEL_EXPORTER_OTLP_COMPRESSION)?.trim();
  const serviceName = env.OTEL_SERVICE_NAME?.trim();
  return {
    url: url || undefined,
    headers: {
      ...keyValueList(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...keyValueList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
    compression: compression === "gzip" || compression === "none" ? compression : undefined,
    resourceAttributes: {
      ...keyValueList(env.OTEL_RESOURCE_ATTRIBUTES),
      ...(serviceName ? { "service.name": serviceName } : {}),
    },
    secrets: secretsFromEnv(env),
  };
}

/** Starts OTel tracing when the variables in `env` ask for it (see openTelemetryOptionsFromEnv); undefined when off. */
export async function openTelemetryFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenTelemetryTracing | undefined> {
  if (!openTelemetryEnabled(env)) return undefined;
  return enableOpenTelemetry(openTelemetryOptionsFromEnv(env));
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
  warn: (line: string) => void = (line) => process.stderr.write(line),
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
  if (warning) warn(`${program}: warning: ${warning}\n`);
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
