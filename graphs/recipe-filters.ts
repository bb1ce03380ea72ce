/**
 * The graph langgraph.json names (Studio, `langgraphjs dev`, LangGraph Platform).
 * Built from the filter-type registry; no checkpointer — the platform supplies one.
 */
import { FILTER_TYPES } from "../src/filters/index.js";
import { openTelemetryFromEnv } from "../src/tracing/opentelemetry.js";
import { buildGraph, buildOptionsFromEnv } from "../src/workflow/build.js";

// OTLP export when the OTEL_EXPORTER_OTLP_* variables are set; the server lives on, so the
// batch processor sends on its own schedule and nothing here needs flushing.
await openTelemetryFromEnv();

export const builder = buildGraph(FILTER_TYPES, buildOptionsFromEnv());
export const graph = builder.compile({ name: "recipe-filters" });
