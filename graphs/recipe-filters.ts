/**
 * The graph langgraph.json names (Studio, `langgraphjs dev`, LangGraph Platform).
 * Built from the filter-type registry; no checkpointer — the platform supplies one.
 */
import { FILTER_TYPES } from "../src/filters/index.js";
import { buildGraph, buildOptionsFromEnv } from "../src/workflow/build.js";

export const builder = buildGraph(FILTER_TYPES, buildOptionsFromEnv());
export const graph = builder.compile({ name: "recipe-filters" });
