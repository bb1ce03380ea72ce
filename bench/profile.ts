/**
 * Where a traced query's client CPU goes, by package: a V8 CPU profile of a traced pass
 * (node:inspector, in this process), its self time summed per package and for the few
 * functions the README's performance section names (upstream overheads).
 */

import { Session } from "node:inspector/promises";
import pMap from "p-map";
import { createExtractor } from "../src/extractor/extractor.js";
import type { FilterType } from "../src/filters/filter-type.js";
import { createTracing } from "../src/tracing/langsmith.js";
import { asRegistry } from "./build-api.js";
import { BENCH_QUERY } from "./fan-out.js";
import type { RemoteStandIns } from "./remote-stand-ins.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

/** Self-time shares (0..1) of a traced pass. */
export interface CpuShares {
  samples: number;
  byPackage: Record<string, number>;
  byFunction: Record<string, number>;
  /** langsmith's RunTree constructor: the tracer rebuilds a parent and its children as each child starts. */
  runTreeConstructor: number;
  /** zod's schema construction and JIT (LangGraph derives partial state schemas on every node update). */
  zod: number;
}

const packageOf = (url: string) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith("node:") || url === "") return "(node internals, GC, idle)";
  return "(this project)";
};

export async function profileTracedQueries(options: {
  registry: readonly FilterType<any>[];
  queries: number;
  concurrency: number;
  standIns: RemoteStandIns;
  /** Default true. */
  traced?: boolean;
}): Promise<CpuShares> {
  const extractor = createExtractor({ registry: asRegistry(options.registry) });
  const context = { extractor: "llm" as const, baseUrl: options.standIns.modelUrl };
  const tracing = createTracing({ apiUrl: options.standIns.receiverUrl, apiKey: "lsv2_bench_not_a_key_000000" });
  const run = (count: number) =>
    pMap(
      Array.from({ length: count }, (_, i) => i),
      () =>
        extractor.extract(BENCH_QUERY, { context, callbacks: options.traced === false ? undefined : [tracing.tracer] }),
      { concurrency: options.concurrency },
    );
  await run(options.concurrency); // warm-up
  await tracing.flush(60_000);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  await run(options.queries);
  await tracing.flush(120_000);
  const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[] } };
  session.disconnect();
  if (process.env.BENCH_PROFILE_OUT)
    (await import("node:fs")).writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
  // Idle time is not client CPU: leave the "(idle)" and "(program)" pseudo-frames out.
  const nodes = profile.nodes.filter((n) => !["(idle)", "(program)", "(root)"].includes(n.callFrame.functionName));
  const samples = nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const share = (keep: (n: ProfileNode) => boolean) =>
    nodes.filter(keep).reduce((sum, n) => sum + (n.hitCount ?? 0), 0) / samples;
  const byPackage: Record<string, number> = {};
  for (const n of nodes) {
    const name = packageOf(n.callFrame.url);
    byPackage[name] = (byPackage[name] ?? 0) + (n.hitCount ?? 0) / samples;
  }
  const byFunction: Record<string, number> = {};
  for (const n of nodes) {
    const name = `${n.callFrame.functionName || "(anonymous)"} ${packageOf(n.callFrame.url)} ${n.callFrame.url.split("/").pop()}`;
    byFunction[name] = (byFunction[name] ?? 0) + (n.hitCount ?? 0) / samples;
  }
  return {
    samples,
    byFunction,
    byPackage,
    runTreeConstructor: share((n) => n.callFrame.functionName === "RunTree" && n.callFrame.url.includes("langsmith")),
    zod: share((n) => n.callFrame.url.includes("node_modules/zod/")),
  };
}
