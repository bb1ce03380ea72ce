/** Offline (no-key) throughput in one process, and the CLI's cold start. */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { createExtractor } from "../src/extractor/extractor.js";
import { median } from "./stats.js";

export const OFFLINE_QUERIES = [
  "10分以内に500円未満で作れる副菜教えて",
  "1時間半くらいで作れる千五百円以下の主菜",
  "20〜30分で作れるパスタ",
  "dinner in under 20 minutes for less than 1,000 yen",
  "時短で簡単な副菜",
  "ワンコインで作れる丼",
  "between 10 and 20 minutes",
  "3分クッキングの人気レシピ",
];

/**
 * Queries per second through `extract` with the rules extractor, sequentially in one
 * process: the default fast path, or (`viaGraph`) every query through graph.invoke.
 */
export async function measureOfflineThroughput(
  queries: number,
  viaGraph = false,
): Promise<{ queries: number; seconds: number; perSecond: number }> {
  // A callback handler, even one that records nothing, makes a run traced: it runs the graph.
  const extractor = createExtractor();
  const callbacks = viaGraph
    ? [
        new (class extends BaseCallbackHandler {
          name = "bench-untraced";
        })(),
      ]
    : undefined;
  for (const q of OFFLINE_QUERIES) await extractor.extract(q, { context: { extractor: "rules" }, callbacks }); // warm-up
  const start = performance.now();
  for (let i = 0; i < queries; i++)
    await extractor.extract(OFFLINE_QUERIES[i % OFFLINE_QUERIES.length], {
      context: { extractor: "rules" },
      callbacks,
    });
  const seconds = (performance.now() - start) / 1000;
  return { queries, seconds, perSecond: queries / seconds };
}

function findRoot(): string {
  // bench runs compiled from dist/bench/, or from bench/ with tsx.
  let dir = fileURLToPath(new URL(".", import.meta.url));
  while (!existsSync(`${dir}/package.json`)) dir = `${dir}/..`;
  return dir;
}

/** Median wall time of `npm start` (and of the compiled CLI alone) on one offline query. */
export function measureColdStart(repeats: number): { npmStartMs: number; nodeDirectMs: number; peakRssMb?: number } {
  const root = findRoot();
  const env = { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", LANGSMITH_TRACING: "" };
  const time = (cmd: string, args: string[]) => {
    const start = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
    return performance.now() - start;
  };
  const query = OFFLINE_QUERIES[0];
  time("npm", ["start", "-s", "--", query]); // builds if sources changed
  const npmStart = Array.from({ length: repeats }, () => time("npm", ["start", "-s", "--", query]));
  const direct = Array.from({ length: repeats }, () => time(process.execPath, ["dist/src/cli/bin.js", query]));
  let peakRssMb: number | undefined;
  if (existsSync("/usr/bin/time")) {
    const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "dist/src/cli/bin.js", query], {
      cwd: root,
      env,
      encoding: "utf8",
    });
    peakRssMb = Number(r.stderr.trim().split("\n").pop()) / 1024;
  }
  return { npmStartMs: median(npmStart), nodeDirectMs: median(direct), peakRssMb };
}
