/**
 * What differs between the builds the bench measures side by side: HEAD hands the graph a
 * registry value (`createRegistry`) and a run decider (`createRunDecider`); the pinned
 * baseline (bench/baseline.ts) takes a plain array of filter types and the operator's
 * settings. Each is imported by a computed name, so one bench compiles over either build.
 */
import type { FilterType } from "../src/filters/filter-type.js";

const REGISTRY_MODULE = "../src/filters/registry.js";
const RUN_MODULE = "../src/settings/run.js";
const OPERATOR_MODULE = "../src/settings/operator.js";
const OLD_CONFIGURATION_MODULE = "../src/workflow/configuration.js";

const registryModule = await import(REGISTRY_MODULE).catch(() => undefined);
const runModule = await import(RUN_MODULE).catch(() => undefined);
const operatorModule =
  (await import(OPERATOR_MODULE).catch(() => undefined)) ?? (await import(OLD_CONFIGURATION_MODULE));

/** The build's default chat model name. */
export const DEFAULT_MODEL: string = operatorModule.DEFAULT_MODEL;

/** The filter types as this build's graph, extractor and tracer take them. */
export const asRegistry = (types: readonly FilterType<any>[]): any =>
  registryModule ? registryModule.createRegistry(types) : types;

/** The graph's build options for one model endpoint. */
export const graphSettings = (baseUrl: string): any =>
  runModule ? { runs: runModule.createRunDecider({ baseUrl }) } : { operator: { baseUrl } };
