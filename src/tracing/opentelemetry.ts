/**
 * OpenTelemetry tracing from the standard variables, for the entry points (CLI, eval, the
 * Studio graph). Cheap to import: the SDK is loaded only when an OTLP endpoint is set, so
 * the plain CLI's cold start does not pay for it.
 */
import { secretsFromEnv } from "../secrets/redact.js";
import { FLUSH_TIMEOUT_MS } from "./langsmith.js";
import type { OpenTelemetryOptions, OpenTelemetryTracing } from "./opentelemetry-sdk.js";

export type { OpenTelemetryOptions, OpenTelemetryTracing } from "./opentelemetry-sdk.js";

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
 * For a process about to exit: sends pending spans within FLUSH_TIMEOUT_MS (the LangSmith
 * bound), or says in one stderr line that this trace is lost. The exit code stays the answer's.
 */
export async function flushOpenTelemetryOrWarn(
  tracing: OpenTelemetryTracing | undefined,
  program: string,
): Promise<void> {
  if (tracing && !(await tracing.flush(FLUSH_TIMEOUT_MS)))
    process.stderr.write(
      `${program}: warning: the trace could not be sent to the OpenTelemetry endpoint within ${FLUSH_TIMEOUT_MS / 1000} s; it is lost\n`,
    );
}
