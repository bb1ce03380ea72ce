// `npm run eval -- --langsmith`: the evaluation as a LangSmith experiment, through the real
// `langsmith` client and `evaluate()`, against the LangSmith receiver on 127.0.0.1.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseDataset } from "../eval/dataset.js";
import { evaluate } from "../eval/evaluate.js";
import type { ExperimentReport } from "../eval/langsmith-experiment.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { type LangSmithReceiver, startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { runEval as runEvalOn } from "./support/eval.js";

const KEY = "lsv2_pt_0123456789abcdef0123456789abcdef_0123456789";
const COLUMNS = FILTER_TYPES.map((t) => t.column);

// Line 2's label is wrong on purpose (the extractor says <= 15), so a column scores 0 once.
const DATASET = [
  `{"query": "10分以内に500円未満で作れる副菜教えて", "filters": [{"column": "cooking_time_min", "operator": "<=", "value": 10}, {"column": "cooking_cost_yen", "operator": "<", "value": 500}, {"column": "dish_category", "operator": "=", "value": "副菜"}]}`,
  `{"query": "15分以内", "filters": [{"column": "cooking_time_min", "operator": "<", "value": 15}]}`,
  `{"query": "時短レシピ", "filters": []}`,
].join("\n");

describe("npm run eval -- --langsmith", () => {
  let receiver: LangSmithReceiver;
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-eval-langsmith-"));
  const dataset = join(dir, "small.jsonl");
  writeFileSync(dataset, DATASET);
  const env = () => ({ LANGSMITH_API_KEY: KEY, LANGSMITH_ENDPOINT: receiver.url });
  const runEval = (report: string, extra: string[] = []) =>
    runEvalOn(["--dataset", dataset, "--langsmith", "--report", join(dir, report), ...extra], env());

  before(async () => {
    receiver = await startLangSmithReceiver({ infoFlags: { dataset_examples_multipart_enabled: true } });
  });
  after(() => receiver.close());

  it("uploads the dataset, runs an experiment linking each example to its trace, and logs per-column scores", async () => {
    const r = await runEval("first.json");
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(join(dir, "first.json"), "utf8")) as ExperimentReport;

    // The dataset: one example per case, the query as input, the wanted filters as reference output.
    const { datasets, examples, sessions, feedback } = receiver.evaluation;
    assert.equal(datasets.size, 1);
    const [storedDataset] = datasets.values();
    assert.equal(storedDataset.name, report.langsmith.datasetName);
    const stored = [...examples.values()].sort((a, b) => Number(a.metadata?.line) - Number(b.metadata?.line));
    assert.deepEqual(
      stored.map((e) => [e.metadata?.line, e.inputs.query, e.outputs?.filters]),
      parseDataset(DATASET).map((c) => [c.line, c.query, c.filters]),
    );

    // The experiment: a session on that dataset, ended, with the run settings as metadata.
    assert.equal(sessions.size, 1);
    const [experiment] = sessions.values();
    assert.equal(experiment.name, report.langsmith.experiment);
    assert.match(experiment.name, /^recipe-filters-rules/);
    assert.deepEqual(experiment.evaluator_keys, [...COLUMNS, "exact_match"]);
    assert.equal(experiment.reference_dataset_id, storedDataset.id);
    assert.equal(experiment.extra?.metadata?.extractor, "rules");
    assert.match(r.stdout, new RegExp(`LangSmith experiment: ${experiment.name}`));

    // Each example: one root run in the experiment, linked to the example, tagged eval, with
    // the graph's run (and its branches) in the same trace, tagged too.
    const runs = [...receiver.runs.values()];
    for (const example of stored) {
      const roots = runs.filter((run) => run.reference_example_id === example.id && !run.parent_run_id);
      assert.equal(roots.length, 1, `one root run for line ${example.metadata?.line}`);
      const [root] = roots;
      assert.equal(root.session_name, experiment.name);
      assert.ok((root.tags as string[]).includes("eval"));
      assert.deepEqual(root.inputs, { query: example.inputs.query });
      const trace = runs.filter((run) => run.trace_id === root.id);
      const graph = trace.find((run) => run.name === "recipe-filters");
      assert.ok(graph, "the graph ran inside the example's trace");
      assert.equal(graph.parent_run_id, root.id);
      assert.ok((graph.tags as string[]).includes("eval"));
      assert.ok(trace.filter((run) => run.parent_run_id === graph.id).length >= FILTER_TYPES.length);

      // Per-column feedback on the example's run, and exact match.
      const scores = Object.fromEntries(feedback.filter((f) => f.run_id === root.id).map((f) => [f.key, f.score]));
      assert.deepEqual(Object.keys(scores).sort(), [...COLUMNS, "exact_match"].sort());
      const wrongLabel = example.metadata?.line === 2;
      assert.equal(scores.cooking_time_min, wrongLabel ? 0 : 1);
      assert.equal(scores.exact_match, wrongLabel ? 0 : 1);
      assert.equal(scores.cooking_cost_yen, 1);
      // No case labels a calorie filter: the column has feedback without a score, not a perfect one.
      assert.equal(scores.calories_kcal, null);
    }
    // Summary feedback on the experiment: per-column and overall F1, exact-match rate.
    const summary = Object.fromEntries(
      feedback.filter((f) => f.session_id === experiment.id && !f.run_id).map((f) => [f.key, f.score]),
    );
    // (The client sends scores rounded to four decimals.)
    assert.ok(Math.abs(Number(summary.exact_match_rate) - 2 / 3) < 1e-4, String(summary.exact_match_rate));
    assert.equal(summary.cooking_time_min_f1, 0.5);
    assert.equal(summary.dish_category_f1, 1);

    // The report scores exactly as the offline evaluation does.
    const offline = await evaluate(parseDataset(DATASET), createExtractor(), { extractor: "rules" });
    assert.deepEqual(report.perColumn, offline.perColumn);
    assert.deepEqual(report.overall, offline.overall);
    assert.deepEqual(
      report.failures.map((f) => f.line),
      offline.failures.map((f) => f.line),
    );
    assert.equal(report.langsmith.uploadedExamples, 3);
    // The key travels in a header only, never in a body.
    assert.ok(!receiver.rawBodies.some((body) => body.includes(KEY)));
  });

  it("a second run reuses the uploaded dataset and adds a second experiment", async () => {
    const r = await runEval("second.json", ["--experiment-prefix", "again"]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(join(dir, "second.json"), "utf8")) as ExperimentReport;
    assert.equal(receiver.evaluation.datasets.size, 1);
    assert.equal(receiver.evaluation.examples.size, 3);
    assert.equal(report.langsmith.uploadedExamples, 0);
    assert.equal(receiver.evaluation.sessions.size, 2);
    assert.match(report.langsmith.experiment, /^again/);
  });

  it("without --langsmith but traced, the evaluation's runs carry the eval tag and no experiment is made", async () => {
    const sessions = receiver.evaluation.sessions.size;
    const runsBefore = new Set(receiver.runs.keys());
    const r = await runEvalOn(["--dataset", dataset, "--report", join(dir, "traced.json")], {
      ...env(),
      LANGSMITH_TRACING: "true",
      LANGSMITH_PROJECT: "traced-eval",
    });
    assert.equal(r.code, 0, r.stderr);
    const graphs = [...receiver.runs.values()].filter(
      (run) => !runsBefore.has(run.id) && run.name === "recipe-filters",
    );
    assert.equal(graphs.length, 3);
    for (const run of graphs) assert.ok((run.tags as string[]).includes("eval"));
    assert.equal(receiver.evaluation.sessions.size, sessions);
  });

  it("without a LangSmith key: exit 2 and one line, nothing sent", async () => {
    const before = receiver.requestCount;
    const r = await runEvalOn(["--dataset", dataset, "--langsmith"], { LANGSMITH_ENDPOINT: receiver.url });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /--langsmith needs LANGSMITH_API_KEY/);
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.equal(receiver.requestCount, before);
  });
});
