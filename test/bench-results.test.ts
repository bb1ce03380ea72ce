// The bench's results file: a partial run (BENCH_ONLY) replaces its own sections and keeps
// the others; the README's figures are rendered from the file, baseline and HEAD side by side.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { renderFigures, withFigures, withoutTableAlignment } from "../bench/readme-figures.js";
import { mergeResults, type ResultsFile, readResults, type SectionEntry } from "../bench/results-file.js";

const section = (figure: string, head: number, baseline: number): SectionEntry => ({
  measuredAt: "2026-12-03T19:00:00.000Z",
  loadAverage: [1, 2, 3],
  rounds: 2,
  head: { [figure]: head },
  baseline: { [figure]: baseline },
  ratio: { [figure]: head / baseline },
  detail: { head: [], baseline: [] },
});

const run = (sections: Record<string, SectionEntry>): ResultsFile => ({
  baseline: { commit: "4b4c04628e520e7d013e6ec60fce4c842d447a98", why: "pinned" },
  head: { commit: "1234567890abcdef", dirty: false },
  machine: { cpus: 2, cpu: "test cpu", node: "v24.0.0" },
  settings: {},
  sections,
  updatedAt: "2026-12-03T19:00:00.000Z",
});

it("a partial run replaces only the sections it measured", () => {
  const old = run({ fanout: section("graph ÷ floor", 1.2, 1.1), cpu: section("CPU ms", 40, 45) });
  const merged = mergeResults(old, run({ cpu: section("CPU ms", 20, 44) }));
  assert.deepEqual(Object.keys(merged.sections).sort(), ["cpu", "fanout"]);
  assert.equal(merged.sections.fanout.head["graph ÷ floor"], 1.2);
  assert.equal(merged.sections.cpu.head["CPU ms"], 20);
});

it("the README figures are the results file's, with the ratio and the run each comes from", () => {
  const text = renderFigures(run({ coldstart: section("cold start CPU ms", 500, 1600) }));
  assert.match(text, /HEAD 1234567 against the baseline 4b4c046/);
  assert.match(text, /\| cold start CPU ms \| 1600 \| 500 \| 0\.31 \|/);
  assert.match(text, /load average 1 2 3, medians of 2 rounds per build/);
});

it("docs/performance.md shows the figures of bench/results.json, as rendered (never typed by hand)", () => {
  const page = readFileSync(new URL("../docs/performance.md", import.meta.url), "utf8");
  const results = readResults(new URL("../bench/results.json", import.meta.url).pathname);
  assert.ok(results, "bench/results.json holds a side-by-side run");
  assert.equal(
    withoutTableAlignment(page),
    withoutTableAlignment(withFigures(page, renderFigures(results))),
    "regenerate: node dist/bench/readme-figures.js --into docs/performance.md",
  );
});
