import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { Client } from "langsmith";
import { createAnonymizer } from "langsmith/anonymizer";
import { redactSecrets, secretsFromEnv } from "../secrets/redact.js";

/**
 * LangSmith tracing for a process that exits right after its work (the CLI, batch, bench).
 * The framework's callbacks carry the run context into every parallel branch, so one
 * query is one trace; this module only makes sure those runs leave the process, without a
 * key in them, and that an unreachable endpoint cannot hold the process.
 */
export interface Tracing {
  tracer: LangChainTracer;
  client: Client;
  /** Sends pending runs; waits at most `timeoutMs` (default FLUSH_TIMEOUT_MS), then gives up (true = everything flushed). */
  flush(timeoutMs?: number): Promise<boolean>;
}

/**
 * How long a short-lived process waits for its trace to leave before it exits anyway. A
 * query's trace is a few kB; on a working connection it leaves in well under a second.
 */
export const FLUSH_TIMEOUT_MS = 3_000;
/**
 * The client's own per-request timeout. Deliberately longer than the flush bound: the CLI
 * gives up first and prints one line of its own, so the client's retry and timeout
 * warnings for a dead endpoint never reach the terminal (the process is gone by then).
 */
export const REQUEST_TIMEOUT_MS = 10_000;

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.LANGSMITH_TRACING ?? env.LANGSMITH_TRACING_V2 ?? env.LANGCHAIN_TRACING_V2 ?? env.LANGCHAIN_TRACING;
  return flag === "true" || flag === "1";
}

export function createTracing(
  options: { apiUrl?: string; apiKey?: string; projectName?: string; timeoutMs?: number } = {},
): Tracing {
  const secrets = [...secretsFromEnv(process.env), ...(options.apiKey ? [options.apiKey] : [])];
  const client = new Client({
    apiUrl: options.apiUrl,
    apiKey: options.apiKey,
    timeout_ms: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    autoBatchTracing: true,
    // Applied to every run's inputs, outputs, metadata and error before upload: an upstream
    // error that echoes the key ("Incorrect API key provided: sk-…") must not be traced.
    anonymizer: createAnonymizer((text) => redactSecrets(text, secrets), { maxDepth: 32 }),
  });
  const tracer = new LangChainTracer({ client, projectName: options.projectName });
  return {
    tracer,
    client,
    async flush(timeoutMs = FLUSH_TIMEOUT_MS) {
      let timer: NodeJS.Timeout | undefined;
      const done = (async () => {
        await awaitAllCallbacks();
        await client.awaitPendingTraceBatches();
        return true;
      })();
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
      });
      try {
        return await Promise.race([done, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Tracing from the standard LANGSMITH_* variables, or undefined when tracing is off. */
export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (!tracingEnabled(env)) return undefined;
  return createTracing({
    apiUrl: env.LANGSMITH_ENDPOINT ?? env.LANGCHAIN_ENDPOINT,
    apiKey: env.LANGSMITH_API_KEY ?? env.LANGCHAIN_API_KEY,
    projectName: env.LANGSMITH_PROJECT ?? env.LANGCHAIN_PROJECT,
  });
}

/**
 * For a process about to exit: sends pending runs within FLUSH_TIMEOUT_MS, or says in one
 * stderr line (prefixed with the program's name) that this trace is lost.
 */
export async function flushOrWarn(tracing: Tracing | undefined, program: string): Promise<void> {
  if (tracing && !(await tracing.flush()))
    process.stderr.write(
      `${program}: warning: the trace could not be sent to LangSmith within ${FLUSH_TIMEOUT_MS / 1000} s; it is lost\n`,
    );
}
