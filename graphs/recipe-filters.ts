/**
 * The graph langgraph.json names (Studio, `langgraphjs dev`, LangGraph Platform): the edge
 * where the server's settings are read. Like the CLI, it loads `.env` from the working
 * directory when there is one (the variables already set win), so `npm run dev` uses the same
 * settings as `npm start`; without `.env` it starts all the same. Built from the filter-type
 * registry; no checkpointer — the platform supplies one.
 */
import { config as loadDotenv } from "dotenv";
import { FILTER_TYPES } from "../src/filters/index.js";
import type { ServerRuntime } from "../src/model/upstream.js";
import { secretsFromEnv, treatAsSecret } from "../src/secrets/redact.js";
import { openTelemetryFromEnv } from "../src/tracing/opentelemetry.js";
import { PACKAGE_NAME, PACKAGE_VERSION, runMetadata, runTags } from "../src/tracing/run-metadata.js";
import { buildGraph, compileGraph } from "../src/workflow/build.js";
import { allowedEndpoints, type RecipeFiltersContext, resolveRun } from "../src/workflow/configuration.js";
import { settingsFromEnv } from "../src/workflow/environment.js";

loadDotenv({ quiet: true });
const { operator, build } = settingsFromEnv(process.env);
treatAsSecret(...secretsFromEnv(process.env));
// OTLP export when the OTEL_EXPORTER_OTLP_* variables are set; the server lives on, so the
// batch processor sends on its own schedule and nothing here needs flushing.
await openTelemetryFromEnv();

export const builder = buildGraph(FILTER_TYPES, { ...build, operator });
const compiled = compileGraph(FILTER_TYPES, { ...build, operator }).withConfig({
  tags: [PACKAGE_NAME],
  metadata: { package_version: PACKAGE_VERSION, allowed_endpoints: allowedEndpoints(operator).map((e) => e.label) },
});

/**
 * The graph, as a factory the LangGraph API server calls per request (langgraph-api's
 * `getGraph`). For a run it gets the run's context, so the root run of its trace says which
 * extractor, model and endpoint host answer, as the CLI's and the library's traces do. A
 * context the operator does not allow is left to the graph's prepare node, which refuses it
 * with its own clear error.
 */
export function graph(_config?: unknown, runtime?: ServerRuntime<Partial<RecipeFiltersContext>>) {
  if (!runtime?.executionRuntime) return compiled;
  try {
    const run = resolveRun(runtime.executionRuntime.context, operator);
    return compiled.withConfig({
      tags: runTags(run).filter((tag) => tag !== PACKAGE_NAME),
      metadata: runMetadata(run),
    });
  } catch {
    return compiled;
  }
}
