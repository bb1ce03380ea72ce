/**
 * `node --import tsx eval/probe-score.ts [FILE]`: scores the offline extractor on a probe
 * file strictly — every column counts, also one the registry does not have yet, and a list
 * value is compared as written — so a probe written before a feature scores it honestly.
 */
import { readFile } from "node:fs/promises";
import { createExtractor } from "../src/extractor/extractor.js";

interface ProbeFilter {
  column: string;
  operator: string;
  value: unknown;
}
const key = (f: ProbeFilter) => `${f.column} ${f.operator} ${JSON.stringify(f.value)}`;
const file = process.argv[2] ?? new URL("probe-v2.jsonl", import.meta.url).pathname;
const cases = (await readFile(file, "utf8"))
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { query: string; filters: ProbeFilter[] });
const extractor = createExtractor();
let exact = 0;
for (const c of cases) {
  const result = await extractor.extract(c.query, { context: { extractor: "rules" } });
  const got = new Set((result.filters as ProbeFilter[]).map(key));
  const wanted = new Set(c.filters.map(key));
  const same = got.size === wanted.size && [...got].every((k) => wanted.has(k));
  if (same) exact++;
  else
    console.log(
      `✗ ${c.query}\n    wanted ${[...wanted].join("; ") || "(none)"}\n    got    ${[...got].join("; ") || "(none)"}`,
    );
}
console.log(`probe: ${exact}/${cases.length} exact (${((100 * exact) / cases.length).toFixed(1)} %)`);
