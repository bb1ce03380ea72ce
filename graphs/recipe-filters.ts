/**
 * The graph langgraph.json names (Studio, `langgraphjs dev`, LangGraph Platform): the edge
 * where the server's settings are read. Like the CLI, it loads `.env` from the working
 * directory when there is one (the variables already set win), so `npm run dev` uses the same
 * settings as `npm start`; without `.env` it starts all the same. Built from the built-in
 * registry; no checkpointer — the platform supplies one. The graph decides each run from its
 * context in its first node (workflow/prepare.ts).
 */
import { config as loadDotenv } from "dotenv";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import type { ServerRuntime } from "../src/model/upstream.js";
import { createRedactor, secretsFromEnv } from "../src/secrets/redact.js";
import { settingsFromEnv } from "../src/settings/environment.js";
import { createRunDecider, type RecipeFiltersContext } from "../src/settings/run.js";
import { openTelemetryFromEnv } from "../src/tracing/opentelemetry.js";
import { PACKAGE_NAME, PACKAGE_VERSION, runMetadata, runTags } from "../src/tracing/run-metadata.js";
import { allowAbortListenersFor } from "../src/workflow/abort-listeners.js";
import { compileGraph } from "../src/workflow/build.js";
import { decideBeforeTheGraph } from "../src/workflow/prepare.js";

loadDotenv({ quiet: true });
const { operator, build } = settingsFromEnv(process.env);
const runs = createRunDecider(operator);
// The server's process is ours: its parallel branches may share one abort signal.
allowAbortListenersFor(BUILT_IN_REGISTRY.types.length);
// OTLP export when the OTEL_EXPORTER_OTLP_* variables are set; the server lives on, so the
// batch processor sends on its own schedule and nothing here needs flushing.
await openTelemetryFromEnv();

const compiled = compileGraph(BUILT_IN_REGISTRY, {
  ...build,
  runs,
  redactor: createRedactor([...secretsFromEnv(process.env), ...runs.secrets]),
}).withConfig({
  tags: [PACKAGE_NAME],
  metadata: { package_version: PACKAGE_VERSION, allowed_endpoints: runs.endpoints.map((e) => e.label) },
});

/**
 * The graph, as a factory the LangGraph API server calls per request (langgraph-api's
 * `getGraph`). For a run it gets the run's context, so the root run of its trace says which
 * extractor, model and endpoint host answer, as the CLI's and the library's traces do: the
 * trace's metadata must be set before the run starts, so the run is decided here, once, and
 * handed to the graph's first node. A context the operator does not allow is left to that
 * node, which refuses it with its own clear error (the run fails, not the server's request).
 */
export function graph(_config?: unknown, runtime?: ServerRuntime<Partial<RecipeFiltersContext>>) {
  if (!runtime?.executionRuntime) return compiled;
  try {
    const { run, configurable } = decideBeforeTheGraph(runs, runtime.executionRuntime.context);
    return compiled.withConfig({
      tags: runTags(run).filter((tag) => tag !== PACKAGE_NAME),
      metadata: runMetadata(run),
      configurable,
    });
  } catch {
    return compiled;
  }
}
