import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import type { Client } from "langsmith";
import type { Registry } from "../filters/registry.js";
import { createRedactor, secretsFromEnv } from "../secrets/redact.js";
import { createDeliveryTrackingClient, TraceDelivery } from "./delivery.js";
import { FLUSH_TIMEOUT_MS, TracingSettingsError, tracingEnabled } from "./langsmith-settings.js";
import { createPromptLabeller, slimInputs, slimOutputs } from "./slim-runs.js";

/**
 * LangSmith tracing for a process that exits right after its work (the CLI, batch, bench).
 * The framework's callbacks carry the run context into every parallel branch, so one
 * query is one trace; this module only makes sure those runs leave the process, without a
 * key in them, and that an unreachable endpoint cannot hold the process.
 */
export interface Tracing {
  tracer: LangChainTracer;
  client: Client;
  /** Traces started, handed over and pending, and how uploads fared (see delivery.ts). */
  delivery: TraceDelivery;
  /**
   * Sends pending runs, waiting as long as traces keep leaving; gives up once none has left
   * for `stallMs` (default FLUSH_TIMEOUT_MS). `onProgress` is told each time traces leave.
   */
  drain(options?: DrainOptions): Promise<DrainReport>;
  /** `drain` with a stall bound, as a yes/no: true when every pending run was sent. */
  flush(stallMs?: number): Promise<boolean>;
}

export interface DrainOptions {
  stallMs?: number;
  /** Told each time traces leave, and once more (`finished`) before drain returns. */
  onProgress?: (delivery: TraceDelivery, finished: boolean) => void;
  /** Gives up at once when aborted (a second interrupt). */
  stop?: AbortSignal;
}

export interface DrainReport {
  /** Every queued run was sent (or the client gave up on it). */
  drained: boolean;
  /** Traces LangSmith did not acknowledge: their upload failed, or never finished. */
  undelivered: number;
  started: number;
  failedUploads: number;
  /** Uploads that failed for good (after the client's retries). */
  lostUploads: number;
  lastFailure: string | undefined;
}

/**
 * The client's own per-request timeout. Deliberately longer than the flush bound: the CLI
 * gives up first and prints one line of its own.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

export { FLUSH_TIMEOUT_MS, TRACING_FLAGS, TracingSettingsError, tracingEnabled } from "./langsmith-settings.js";

export interface TracingOptions {
  apiUrl?: string;
  apiKey?: string;
  projectName?: string;
  timeoutMs?: number;
  /** Values to cut out of every run (default: those of this process's environment). */
  secrets?: readonly string[];
  /**
   * Slim traces (slim-runs.ts): each model run's system prompt uploaded as its filter type's
   * name and a hash, without the raw response copy. For traced batches, where the prompts are
   * the same in every run; the registry names the prompts.
   */
  slim?: false | { registry: Registry };
}

export function createTracing(options: TracingOptions = {}): Tracing {
  if (options.apiUrl !== undefined && !isHttpUrl(options.apiUrl))
    throw new TracingSettingsError(`LANGSMITH_ENDPOINT is not an http(s) URL: ${JSON.stringify(options.apiUrl)}`);
  const secrets = [...(options.secrets ?? secretsFromEnv(process.env)), ...(options.apiKey ? [options.apiKey] : [])];
  const delivery = new TraceDelivery();
  // Applied to every run's inputs, outputs, metadata and error before upload: an upstream
  // error that echoes the key ("Incorrect API key provided: sk-…") must not be traced.
  // Copy on write: a payload that holds no secret is uploaded as it is, not cloned.
  const redactor = createRedactor(secrets);
  const anonymizer = <T>(values: T): T => redactor.redactDeep(values);
  const label =
    options.slim && createPromptLabeller(new Map(options.slim.registry.types.map((t) => [t.prompt, t.name])));
  const client = createDeliveryTrackingClient(
    {
      apiUrl: options.apiUrl,
      apiKey: options.apiKey,
      timeout_ms: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      autoBatchTracing: true,
      anonymizer,
      // The key travels in `x-api-key`, which fetch would carry along a redirect to any host.
      fetchImplementation: refuseRedirects,
      // Slim: cut first, so the anonymizer does not walk what is cut.
      ...(label && {
        hideInputs: (inputs: Record<string, unknown>) => anonymizer(slimInputs(inputs, label)),
        hideOutputs: (outputs: Record<string, unknown>) => anonymizer(slimOutputs(outputs)),
      }),
    },
    delivery,
  );
  const tracer = new LangChainTracer({ client, projectName: options.projectName });
  const drain = async ({ stallMs = FLUSH_TIMEOUT_MS, onProgress, stop }: DrainOptions = {}): Promise<DrainReport> => {
    let drained = false;
    const done = (async () => {
      await awaitAllCallbacks();
      await client.awaitPendingTraceBatches();
      drained = true;
    })();
    let seen = delivery.handedOver;
    let lastProgress = performance.now();
    while (!drained && !stop?.aborted && performance.now() - lastProgress < stallMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, 200)))]);
      clearTimeout(timer);
      if (delivery.handedOver !== seen) {
        seen = delivery.handedOver;
        lastProgress = performance.now();
        onProgress?.(delivery, false);
      }
    }
    onProgress?.(delivery, true);
    return {
      drained,
      undelivered: Math.max(delivery.started - delivery.acknowledged, drained ? 0 : 1),
      started: delivery.started,
      failedUploads: delivery.failedUploads,
      lostUploads: delivery.lostUploads,
      lastFailure: delivery.lastFailure,
    };
  };
  return {
    tracer,
    client,
    delivery,
    drain,
    flush: async (stallMs = FLUSH_TIMEOUT_MS) => (await drain({ stallMs })).drained,
  };
}

/** fetch that fails on a redirect instead of following it with the request's headers. */
const refuseRedirects: typeof fetch = (input, init) => fetch(input, { ...init, redirect: "error" });

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Tracing from the standard LANGSMITH_* variables, or undefined when tracing is off. `slim`: see TracingOptions. */
export function tracingFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: Pick<TracingOptions, "slim"> = {},
): Tracing | undefined {
  if (!tracingEnabled(env)) return undefined;
  return createTracing({
    apiUrl: env.LANGSMITH_ENDPOINT ?? env.LANGCHAIN_ENDPOINT,
    apiKey: env.LANGSMITH_API_KEY ?? env.LANGCHAIN_API_KEY,
    projectName: env.LANGSMITH_PROJECT ?? env.LANGCHAIN_PROJECT,
    secrets: secretsFromEnv(env),
    ...options,
  });
}

/**
 * For a process about to exit: sends pending runs (waiting while they keep leaving, see
 * `drain`), then says in one stderr line (prefixed with the program's name) how many traces
 * did not reach LangSmith, and in one more if uploads failed. `extraUndelivered`: traces
 * the caller never started (a batch stops attaching the tracer once uploads fail).
 */
export async function flushOrWarn(
  tracing: Tracing | undefined,
  program: string,
  options: Omit<DrainOptions, "stallMs"> & {
    extraUndelivered?: number;
    /** Where the warning goes (default: this process's stderr). */
    warn?: (line: string) => void;
  } = {},
): Promise<DrainReport | undefined> {
  if (!tracing) return undefined;
  const report = await tracing.drain(options);
  const undelivered = report.undelivered + (options.extraUndelivered ?? 0);
  const total = report.started + (options.extraUndelivered ?? 0);
  const warn = options.warn ?? ((line: string) => process.stderr.write(line));
  if (undelivered > 0)
    warn(
      `${program}: warning: ${undelivered} of ${total} ${total === 1 ? "trace was" : "traces were"} not delivered to LangSmith` +
        ` (${report.lastFailure ? `last error: ${report.lastFailure}` : `none acknowledged in the last ${FLUSH_TIMEOUT_MS / 1000} s`})\n`,
    );
  // A request the client retried with success lost nothing; an upload that failed for good lost runs.
  else if (report.lostUploads > 0)
    warn(
      `${program}: warning: ${report.lostUploads} ${report.lostUploads === 1 ? "upload" : "uploads"} to LangSmith failed after retries (${report.lastFailure}); some traces are incomplete\n`,
    );
  return report;
}
