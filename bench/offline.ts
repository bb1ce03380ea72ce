/** Offline (no-key) throughput in one process (the CLI's cold start: cold-start.ts). */
import { createExtractor } from "../src/extractor/extractor.js";

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
  const extractor = createExtractor({ offlineFastPath: !viaGraph });
  for (const q of OFFLINE_QUERIES) await extractor.extract(q, { context: { extractor: "rules" } }); // warm-up
  const start = performance.now();
  for (let i = 0; i < queries; i++)
    await extractor.extract(OFFLINE_QUERIES[i % OFFLINE_QUERIES.length], { context: { extractor: "rules" } });
  const seconds = (performance.now() - start) / 1000;
  return { queries, seconds, perSecond: queries / seconds };
}
