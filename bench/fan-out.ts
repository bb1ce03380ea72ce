/**
 * The design's claim, measured: N filter types through the graph cost about one model
 * latency — compared with the same ChatOpenAI calls in a hand-written Promise.all (the
 * floor) and one after another (sequential). Variants are interleaved per repeat so
 * machine noise hits them alike.
 */
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { Filter, FilterType } from "../src/filters/filter-type.js";
import { compileGraph } from "../src/workflow/build.js";
import { mergeFilters } from "../src/workflow/reduce.js";
import { asRegistry, DEFAULT_MODEL, graphSettings } from "./build-api.js";
import { median, timed } from "./stats.js";

export const BENCH_QUERY = "10分以内に500円未満で作れる副菜教えて";

/**
 * The build's answer gate (src/filters/answer-gate.ts), when it has one: the floor skips what
 * the graph skips. Imported by a computed name: the baseline build predates the file.
 */
const GATE_MODULE = "../src/filters/answer-gate.js";
const gateModule: { answerGate(type: FilterType<any>): (query: string) => { ask: boolean } } | undefined = await import(
  GATE_MODULE
).catch(() => undefined);

/**
 * The branch's own model call and answer check, without the graph around it: through the
 * build's model seam (src/model/index.ts, `askModel`), or in a build before the seam (the
 * pinned baseline) through its model call and answer check. Both by computed names, so each
 * build compiles without the other's files.
 */
const SEAM_MODULE = "../src/model/index.js";
const OLD_CALL_MODULE = "../src/model/filter-model-call.js";
const OLD_ANSWER_MODULE = "../src/workflow/model-answer.js";
// The seam answers { filters, dropped } since evidence grounding; the baseline's call answers Filter[].
type Ask = (
  type: FilterType<any>,
  query: string,
  run: Record<string, unknown>,
  config: object,
) => Promise<Filter[] | { filters: Filter[] }>;
const seam: { askModel: Ask } | undefined = await import(SEAM_MODULE).catch(() => undefined);
const askModel: Ask =
  seam?.askModel ??
  (await (async () => {
    const [{ filterModelCall }, { filtersFromAnswer }] = await Promise.all([
      import(OLD_CALL_MODULE),
      import(OLD_ANSWER_MODULE),
    ]);
    return async (type, query, run) => filtersFromAnswer(await filterModelCall(type, run, {}).invoke(query, {}), type);
  })());

async function directCall(type: FilterType<any>, baseUrl: string) {
  if (gateModule && !gateModule.answerGate(type)(BENCH_QUERY).ask) return [];
  const run = { model: DEFAULT_MODEL, baseUrl, temperature: 0, timeoutMs: 20_000, maxRetries: 0 };
  const answer = await askModel(type, BENCH_QUERY, run, {});
  return Array.isArray(answer) ? answer : answer.filters;
}

export interface FanOutRow {
  n: number;
  /** "synthetic" (N interchangeable types) or "registry" (the real filter types). */
  registry: string;
  graphMs: number;
  floorMs: number;
  sequentialMs: number;
  graphOverFloor: number;
  sequentialOverFloor: number;
}

export async function measureFanOut(options: {
  registries: { label: string; types: readonly FilterType<any>[] }[];
  repeats: number;
  baseUrl: string;
}): Promise<FanOutRow[]> {
  const rows: FanOutRow[] = [];
  for (const { label, types: list } of options.registries) {
    const n = list.length;
    const types = asRegistry(list);
    const graph = compileGraph(types, graphSettings(options.baseUrl));
    const context = { extractor: "llm" as const, model: DEFAULT_MODEL, baseUrl: options.baseUrl, temperature: 0 };
    const variants = {
      graph: () => graph.invoke({ query: BENCH_QUERY }, { context }),
      floor: async () =>
        mergeFilters((await Promise.all(list.map((t) => directCall(t, options.baseUrl)))).flat(), types, BENCH_QUERY),
      sequential: async () => {
        const all = [];
        for (const t of list) all.push(...(await directCall(t, options.baseUrl)));
        return mergeFilters(all, types, BENCH_QUERY);
      },
    };
    const samples: Record<keyof typeof variants, number[]> = { graph: [], floor: [], sequential: [] };
    for (const run of Object.values(variants)) await run(); // warm-up: module loading, sockets
    for (let r = 0; r < options.repeats; r++)
      for (const [name, run] of Object.entries(variants)) samples[name as keyof typeof variants].push(await timed(run));
    const [graphMs, floorMs, sequentialMs] = [median(samples.graph), median(samples.floor), median(samples.sequential)];
    rows.push({
      n,
      registry: label,
      graphMs,
      floorMs,
      sequentialMs,
      graphOverFloor: graphMs / floorMs,
      sequentialOverFloor: sequentialMs / floorMs,
    });
  }
  return rows;
}

export interface TracingRow {
  n: number;
  /** "synthetic" (N interchangeable types) or "registry" (the real filter types). */
  registry: string;
  offMs: number;
  onMs: number;
  onOverOff: number;
  flushMs: number;
}

/**
 * The graph with and without a LangSmith tracer attached (runs sent to the receiver), one
 * query at a time, off and on interleaved. `registries`: the filter types per row; the
 * real registry (N = 5) is the figure the performance target names.
 */
export async function measureTracing(options: {
  registries: { label: string; types: readonly FilterType<any>[] }[];
  repeats: number;
  baseUrl: string;
  tracer: () => { callbacks: Callbacks; flush: () => Promise<unknown> };
}): Promise<TracingRow[]> {
  const rows: TracingRow[] = [];
  for (const registry of options.registries) {
    const graph = compileGraph(asRegistry(registry.types), graphSettings(options.baseUrl));
    const context = { extractor: "llm" as const, model: DEFAULT_MODEL, baseUrl: options.baseUrl, temperature: 0 };
    const tracing = options.tracer();
    const off: number[] = [];
    const on: number[] = [];
    await graph.invoke({ query: BENCH_QUERY }, { context });
    await graph.invoke({ query: BENCH_QUERY }, { context, callbacks: tracing.callbacks });
    for (let r = 0; r < options.repeats; r++) {
      off.push(await timed(() => graph.invoke({ query: BENCH_QUERY }, { context })));
      on.push(await timed(() => graph.invoke({ query: BENCH_QUERY }, { context, callbacks: tracing.callbacks })));
    }
    const flushMs = await timed(tracing.flush);
    rows.push({
      n: registry.types.length,
      registry: registry.label,
      offMs: median(off),
      onMs: median(on),
      onOverOff: median(on) / median(off),
      flushMs,
    });
  }
  return rows;
}
