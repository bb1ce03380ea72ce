import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { Client } from "langsmith";

/**
 * LangSmith tracing for a process that exits right after its work (the CLI, batch, bench).
 * The framework's callbacks carry the run context into every parallel branch, so one
 * query is one trace; this module only makes sure those runs leave the process.
 */
export interface Tracing {
  tracer: LangChainTracer;
  client: Client;
  /** Sends pending runs; waits at most `timeoutMs`, then gives up (true = everything flushed). */
  flush(timeoutMs?: number): Promise<boolean>;
}

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.LANGSMITH_TRACING ?? env.LANGSMITH_TRACING_V2 ?? env.LANGCHAIN_TRACING_V2 ?? env.LANGCHAIN_TRACING;
  return flag === "true" || flag === "1";
}

export function createTracing(options: { apiUrl?: string; apiKey?: string; projectName?: string; timeoutMs?: number } = {}): Tracing {
  const client = new Client({
    apiUrl: options.apiUrl,
    apiKey: options.apiKey,
    // A short request timeout, so an unreachable endpoint cannot hold the process for 90 s.
    timeout_ms: options.timeoutMs ?? 10_000,
    autoBatchTracing: true,
  });
  const tracer = new LangChainTracer({ client, projectName: options.projectName });
  return {
    tracer,
    client,
    async flush(timeoutMs = 15_000) {
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
