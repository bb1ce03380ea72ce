/**
 * The bench's sections, as one build measures them (bench/worker.ts runs them in that
 * build's process): each returns a few headline figures, which the orchestrator puts side
 * by side for HEAD and the baseline, and its full detail.
 */
import { dirname, join } from "node:path";
import { FILTER_TYPES } from "../src/filters/index.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { measureBatchThroughput } from "./batch-throughput.js";
import { buildRoot } from "./build-root.js";
import { measureClientCpu } from "./client-cpu.js";
import { COLD_SEARCH_ARGS, measureColdStart } from "./cold-start.js";
import { BENCH_QUERY, measureFanOut, measureTracing } from "./fan-out.js";
import { measureGate } from "./gate.js";
import { measureOfflineThroughput } from "./offline.js";
import { benchOpenTelemetry } from "./otel.js";
import { profileTracedQueries } from "./profile.js";
import type { RemoteStandIns } from "./remote-stand-ins.js";
import { measureSearch } from "./search.js";
import { syntheticFilterTypes } from "./synthetic-types.js";
import { measureTokens } from "./tokens.js";
import { measureTracedBatch } from "./traced-batch.js";
import { measureUpdateValidation } from "./upstream-overheads.js";

export interface SectionSettings {
  latencyMs: number;
  repeats: number;
  cpuQueries: number;
  concurrency: number;
  batchLatencyMs: number;
  /** The eval dataset (HEAD's, for both builds). */
  datasetPath: string;
}

export interface SectionResult {
  /** Headline figures, compared build against build (name → number). */
  figures: Record<string, number>;
  detail: unknown;
}

type Section = (standIns: RemoteStandIns, s: SectionSettings) => Promise<SectionResult>;

const tracer = (standIns: RemoteStandIns) => () => {
  const t = createTracing({ apiUrl: standIns.receiverUrl, apiKey: "lsv2_bench_not_a_key_000000" });
  return { callbacks: [t.tracer], flush: () => t.flush(30_000) };
};

export const SECTIONS: Record<string, Section> = {
  async fanout(standIns, s) {
    const rows = await measureFanOut({
      registries: [
        { label: "synthetic", types: syntheticFilterTypes(1) },
        { label: "synthetic", types: syntheticFilterTypes(6) },
        { label: "registry", types: FILTER_TYPES },
        { label: "synthetic", types: syntheticFilterTypes(16) },
      ],
      repeats: s.repeats,
      baseUrl: standIns.modelUrl,
    });
    const figures: Record<string, number> = {};
    for (const r of rows) figures[`graph ÷ floor, ${r.n} ${r.registry} branches`] = r.graphOverFloor;
    return { figures, detail: rows };
  },

  async cpu(standIns, s) {
    const rows = await measureClientCpu({
      registry: FILTER_TYPES,
      queries: s.cpuQueries,
      concurrency: s.concurrency,
      standIns,
    });
    const [off, on] = rows;
    return {
      figures: {
        "untraced CPU ms/query": off.cpuMsPerQuery,
        "traced CPU ms/query": on.cpuMsPerQuery,
        "traced ÷ untraced CPU": on.cpuMsPerQuery / off.cpuMsPerQuery,
        "traced runs/query": on.runsPerQuery ?? Number.NaN,
        "failed queries": off.failedQueries + on.failedQueries,
      },
      detail: rows,
    };
  },

  async tracing(standIns, s) {
    const rows = await measureTracing({
      registries: [
        { label: "synthetic", types: syntheticFilterTypes(2) },
        { label: "registry", types: FILTER_TYPES },
        { label: "synthetic", types: syntheticFilterTypes(16) },
      ],
      repeats: Math.max(s.repeats, 9),
      baseUrl: standIns.modelUrl,
      tracer: tracer(standIns),
    });
    const figures: Record<string, number> = {};
    for (const r of rows) figures[`LangSmith on ÷ off, ${r.n} ${r.registry} branches (wall)`] = r.onOverOff;
    return { figures, detail: rows };
  },

  async otel(standIns, s) {
    const rows = await benchOpenTelemetry({ repeats: s.repeats, latencyMs: s.latencyMs, standIns });
    const figures: Record<string, number> = {};
    for (const r of rows) {
      figures[`OTel ÷ off, ${r.n} branches (wall)`] = r.otelOverOff;
      figures[`OTel ÷ off, ${r.n} branches (CPU)`] = r.otelCpuMs / r.offCpuMs;
    }
    return { figures, detail: rows };
  },

  async batch(standIns, s) {
    await standIns.setLatency(s.batchLatencyMs);
    try {
      const rows = await measureBatchThroughput({
        concurrencies: [8, 32, 64],
        queries: 128,
        latencyMs: s.batchLatencyMs,
        baseUrl: standIns.modelUrl,
      });
      const figures: Record<string, number> = {};
      for (const r of rows) figures[`batch ÷ max(ideal, CPU floor), c = ${r.concurrency}`] = r.overBound;
      figures["failed batch lines"] = rows.reduce((n, r) => n + r.failedQueries, 0);
      return { figures, detail: rows };
    } finally {
      await standIns.setLatency(s.latencyMs);
    }
  },

  async tracedbatch() {
    const r = await measureTracedBatch();
    return {
      figures: {
        "traced batch: traces delivered of 1000": r.traces,
        "traced batch: unfinished runs": r.unfinished,
        "traced batch: CLI peak RSS MB": r.peakRssMb ?? Number.NaN,
        "traced batch: seconds": r.seconds,
      },
      detail: r,
    };
  },

  async tokens() {
    const r = await measureTokens(FILTER_TYPES, BENCH_QUERY);
    return {
      figures: {
        "prompt tokens, all branches, bench query": r.total.total,
        "answer tokens, bench query": r.total.answer,
      },
      detail: r,
    };
  },

  async gate(_standIns, s) {
    const r = await measureGate({ datasetPath: s.datasetPath, latencyMs: s.latencyMs, concurrency: 16 });
    return {
      figures: {
        "eval dataset: model calls/query": r.modelCallsPerQuery,
        "eval dataset: share of branch calls gated": r.gatedShare,
        "eval dataset: prompt tokens/query": r.promptTokensPerQuery,
        "eval dataset: answer tokens/query": r.answerTokensPerQuery,
        "eval dataset: filters lost by the gate": r.lostFilters,
        "eval dataset: queries with no model call": r.queriesWithoutModel,
        "eval dataset: mean ms/query at L (c = 16)": r.meanMsPerQuery,
        "eval dataset: CPU ms/query (c = 16, stand-in in process)": r.cpuMsPerQuery,
        "eval dataset: failed queries": r.failedQueries,
      },
      detail: r,
    };
  },

  async profile(standIns, s) {
    const shares = await profileTracedQueries({
      registry: FILTER_TYPES,
      queries: 160,
      concurrency: s.concurrency,
      standIns,
    });
    const update = measureUpdateValidation();
    const top = Object.fromEntries(
      Object.entries(shares.byPackage)
        .sort(([, a], [, b]) => b - a)
        .slice(0, 6)
        .map(([name, share]) => [`traced self CPU share: ${name}`, share]),
    );
    return {
      figures: { ...top, "LangGraph state-update validation ms": update.perUpdateMs },
      detail: { shares: { ...shares, byFunction: undefined }, updateValidation: update },
    };
  },

  async offline() {
    const fastPath = await measureOfflineThroughput(20_000);
    const viaGraph = await measureOfflineThroughput(2_000, true);
    return {
      figures: {
        "offline queries/s (fast path)": fastPath.perSecond,
        "offline queries/s (via graph)": viaGraph.perSecond,
      },
      detail: { fastPath, viaGraph },
    };
  },

  async coldstart(_standIns, s) {
    const r = measureColdStart(Math.max(5, s.repeats));
    return {
      figures: {
        "cold start CPU ms (node CLI, offline query)": r.cpuMs,
        "cold start wall ms (node CLI)": r.wallMs,
        "cold start modules loaded": r.modules,
        "cold start wall ms (npm start)": r.npmStartWallMs,
      },
      detail: r,
    };
  },

  async search(_standIns, s) {
    const cold = measureColdStart(Math.max(5, s.repeats), COLD_SEARCH_ARGS);
    const warm = await measureSearch(
      buildRoot(),
      join(dirname(s.datasetPath), "search-queries.jsonl"),
      Math.max(5, s.repeats),
    );
    return {
      figures: {
        "cold --search CPU ms (node CLI, seed query)": cold.cpuMs,
        "cold --search wall ms": cold.wallMs,
        "cold --search modules loaded": cold.modules,
        "open the catalog ms": warm.openCatalogMs,
        "index build ms (whole catalog)": warm.indexBuildMs,
        "ranked search ms/query (median, eval search queries)": warm.searchMsPerQuery.median,
        "ranked search ms/query (mean)": warm.searchMsPerQuery.mean,
        "catalog recipes": warm.recipes,
      },
      detail: { cold, warm },
    };
  },
};
