/**
 * Whether LangSmith tracing is on, and the error for a bad endpoint: what the CLI reads on
 * every start, kept apart from langsmith.ts so that an untraced run never loads the
 * langsmith client or LangChain's tracer.
 */

/** The variables that switch tracing on, in the order they are read. */
export const TRACING_FLAGS = ["LANGSMITH_TRACING", "LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"];

export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  const flag = TRACING_FLAGS.map((name) => env[name]).find((value) => value !== undefined);
  return flag === "true" || flag === "1";
}

/** The LangSmith endpoint is not an http(s) URL: said in one line before any run starts. */
export class TracingSettingsError extends Error {
  override name = "TracingSettingsError";
}

/**
 * How long a short-lived process waits for the next trace to leave before it gives up. A
 * query's trace is a few kB; on a working connection it leaves in well under a second, and
 * a large backlog (a traced batch) keeps delivering, so the wait goes on while it drains.
 */
export const FLUSH_TIMEOUT_MS = 3_000;
