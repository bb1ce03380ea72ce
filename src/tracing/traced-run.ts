/**
 * "Is this run traced?" — whether LangChain would attach any callback handler to it: the
 * caller's, LangSmith's tracer (environment), a parent run's (async context), or one an
 * OpenTelemetry instrumentation adds. Asking LangChain (`CallbackManager.configure`) loads
 * the callback manager, langsmith and ~190 modules, most of an offline CLI query's cold
 * start; so first a cheap pre-test of every source LangChain reads, and LangChain itself is
 * asked only when one of them is there. No knob: the answer follows what is attached.
 */
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { getEnvironmentVariable } from "@langchain/core/utils/env";

/** The variables LangChain's `CallbackManager._configureSync` turns into a handler when "true". */
const HANDLER_VARIABLES = [
  "LANGSMITH_TRACING_V2",
  "LANGCHAIN_TRACING_V2",
  "LANGSMITH_TRACING",
  "LANGCHAIN_TRACING",
  "LANGCHAIN_VERBOSE",
] as const;

/** The global async context LangChain and langsmith share: a parent run, context variables and configure hooks live in its store. */
const TRACING_CONTEXT = Symbol.for("ls:tracing_async_local_storage");

let instrumentations = 0;

/**
 * Called by an instrumentation of LangChain's callback manager of our own (opentelemetry-sdk.ts)
 * while it is on, so that runs are traced even when nothing else in the process says so.
 */
export function noteInstrumentation(on: boolean): void {
  instrumentations = Math.max(0, instrumentations + (on ? 1 : -1));
}

/** Any OpenTelemetry API registration in this process (a tracer provider, context manager …): someone may instrument LangChain. */
function openTelemetryRegistered(): boolean {
  return Object.getOwnPropertySymbols(globalThis).some((s) => s.description?.startsWith("opentelemetry.js.api."));
}

/**
 * False only when no source of a handler can be there, so LangChain need not be asked.
 * LangChain reads its tracing variables itself; this reads them through LangChain's own
 * reader (a small module), not as a setting of ours.
 */
export function mayBeTraced(
  callbacks: Callbacks | undefined,
  variable: (name: string) => string | undefined = getEnvironmentVariable,
): boolean {
  if (Array.isArray(callbacks) ? callbacks.length > 0 : callbacks !== undefined) return true;
  if (HANDLER_VARIABLES.some((name) => variable(name) === "true")) return true;
  const context = (globalThis as Record<symbol, { getStore(): unknown } | undefined>)[TRACING_CONTEXT];
  if (context?.getStore() !== undefined) return true;
  return instrumentations > 0 || openTelemetryRegistered();
}

/** Whether a run with these callbacks is traced: any handler at all, the caller's or one LangChain adds. */
export async function isTraced(callbacks: Callbacks | undefined): Promise<boolean> {
  if (!mayBeTraced(callbacks)) return false;
  const { CallbackManager } = await import("@langchain/core/callbacks/manager");
  return (CallbackManager.configure(callbacks)?.handlers.length ?? 0) > 0;
}
