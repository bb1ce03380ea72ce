/**
 * The client's own CPU per query: many queries at a fixed concurrency against the stand-ins
 * in another process (remote-stand-ins.ts), with LangSmith tracing off and on. CPU time is
 * steadier than wall time on a shared machine, and it is what decides latency once the
 * machine is busy. With tracing on, the flush is part of the bill, and the receiver's run
 * count gives the traced runs per query.
 */

import pMap from "p-map";
import { createExtractor } from "../src/extractor/extractor.js";
import type { FilterType } from "../src/filters/filter-type.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { asRegistry } from "./build-api.js";
import { BENCH_QUERY } from "./fan-out.js";
import type { RemoteStandIns } from "./remote-stand-ins.js";

export interface ClientCpuRow {
  traced: boolean;
  /** Traced with slim runs (tracing/slim-runs.ts), as a traced batch is. */
  slim?: boolean;
  queries: number;
  concurrency: number;
  cpuMsPerQuery: number;
  wallMsPerQuery: number;
  /** Queries that failed (an error in the result or a throw): counted, never an abort. */
  failedQueries: number;
  /** Traced passes only: what the receiver got. */
  runsPerQuery?: number;
  traces?: number;
  unfinishedRuns?: number;
  runsByName?: Record<string, number>;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

export async function measureClientCpu(options: {
  registry: readonly FilterType<any>[];
  queries: number;
  concurrency: number;
  standIns: RemoteStandIns;
}): Promise<ClientCpuRow[]> {
  const registry = asRegistry(options.registry);
  const extractor = createExtractor({ registry });
  const context = { extractor: "llm" as const, baseUrl: options.standIns.modelUrl };
  const pass = async (traced: boolean, queries: number, slim = false): Promise<ClientCpuRow> => {
    const tracing = traced
      ? createTracing({
          apiUrl: options.standIns.receiverUrl,
          apiKey: "lsv2_bench_not_a_key_000000",
          slim: slim && { registry },
        })
      : undefined;
    await options.standIns.forgetRuns();
    let failedQueries = 0;
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    await pMap(
      Array.from({ length: queries }, (_, i) => i),
      async () => {
        const result = await extractor
          .extract(BENCH_QUERY, { context, callbacks: tracing ? [tracing.tracer] : undefined })
          .catch(() => undefined);
        if (!result || result.errors.length) failedQueries++;
      },
      { concurrency: options.concurrency },
    );
    const flushed = tracing ? await tracing.flush(120_000) : true;
    const cpu = cpuMs(process.cpuUsage(cpuStart));
    const wall = performance.now() - wallStart;
    const row: ClientCpuRow = {
      traced,
      ...(slim && { slim }),
      queries,
      concurrency: options.concurrency,
      cpuMsPerQuery: cpu / queries,
      wallMsPerQuery: wall / queries,
      failedQueries,
    };
    if (!flushed) Object.assign(row, { notFlushed: true });
    if (traced) {
      const counts = await options.standIns.runCounts();
      Object.assign(row, {
        runsPerQuery: counts.runs / queries,
        traces: counts.traces,
        unfinishedRuns: counts.unfinished,
        runsByName: counts.byName,
      });
    }
    return row;
  };
  // Warm-up: module loading, JIT, sockets.
  await pass(false, options.concurrency);
  await pass(true, options.concurrency);
  await pass(true, options.concurrency, true);
  return [
    await pass(false, options.queries),
    await pass(true, options.queries),
    await pass(true, options.queries, true),
  ];
}
