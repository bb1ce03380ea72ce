/**
 * The graph langgraph.json names (Studio, `langgraphjs dev`, LangGraph Platform): the edge
 * where the server's settings are read. Like the CLI, it loads `.env` from the working
 * directory when there is one (the variables already set win), so `npm run dev` uses the same
 * settings as `npm start`; without `.env` it starts all the same. Built from the filter-type
 * registry; no checkpointer — the platform supplies one.
 */
import { config as loadDotenv } from "dotenv";
import { FILTER_TYPES } from "../src/filters/index.js";
import { secretsFromEnv, treatAsSecret } from "../src/secrets/redact.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../src/tracing/run-metadata.js";
import { buildGraph, compileGraph } from "../src/workflow/build.js";
import { allowedEndpoints } from "../src/workflow/configuration.js";
import { settingsFromEnv } from "../src/workflow/environment.js";

loadDotenv({ quiet: true });
const { operator, build } = settingsFromEnv(process.env);
treatAsSecret(...secretsFromEnv(process.env));

export const builder = buildGraph(FILTER_TYPES, { ...build, operator });
// Every run this server traces says which package and version answered; the run's extractor
// and model are in its output, and each branch's run names its filter type.
export const graph = compileGraph(FILTER_TYPES, { ...build, operator }).withConfig({
  tags: [PACKAGE_NAME],
  metadata: { package_version: PACKAGE_VERSION, allowed_endpoints: allowedEndpoints(operator).map((e) => e.label) },
});
