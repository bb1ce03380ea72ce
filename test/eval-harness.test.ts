// The evaluation harness itself, on a small dataset whose scores are worked out by hand:
// in process (offline and through a real ChatOpenAI client) and as `npm run eval` runs it.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseDataset } from "../eval/dataset.js";
import { type EvalReport, evaluate } from "../eval/evaluate.js";
import { renderReport } from "../eval/render.js";
import { counts } from "../eval/score.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { typesAskedFor } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { runEval } from "./support/eval.js";
import { withoutEvidence } from "./support/without-evidence.js";

// Some labels below are wrong on purpose, so every kind of error is counted.
const SMALL = [
  // exact, on all three columns
  `{"query": "10分以内に500円未満で作れる副菜", "filters": [{"column": "cooking_time_min", "operator": "<=", "value": 10}, {"column": "cooking_cost_yen", "operator": "<", "value": 500}, {"column": "dish_category", "operator": "=", "value": "副菜"}]}`,
  // wrong label: the extractor says <= 15 → time: one false positive, one false negative
  `{"query": "15分以内", "filters": [{"column": "cooking_time_min", "operator": "<", "value": 15}]}`,
  // a wanted cost filter the query does not state → cost: one false negative
  `{"query": "30分以上煮込む料理", "filters": [{"column": "cooking_time_min", "operator": ">=", "value": 30}, {"column": "cooking_cost_yen", "operator": "<=", "value": 1000}]}`,
  "",
  `{"query": "時短レシピ", "filters": []}`,
  `{"query": "3分クッキングのレシピ", "filters": [], "note": "a programme title"}`,
  // wrong label: the extractor says <= 500 → cost: one false positive, on a no-filter case
  `{"query": "卵2個と500円", "filters": []}`,
].join("\n");

/** Every registry column the small dataset labels nowhere, each not scored on `cases` cases (so a new type changes nothing here). */
const unlabelled = (labelled: string[], cases: number) =>
  Object.fromEntries(FILTER_TYPES.filter((t) => !labelled.includes(t.column)).map((t) => [t.column, cases]));

function assertKnownScores(report: EvalReport) {
  assert.equal(report.cases, 6);
  assert.deepEqual(report.composition, { ja: 6, en: 0, emptyFilterList: 3 });
  // time: tp 2 (cases 1, 3), fp 1 and fn 1 (case 2)
  assert.deepEqual(report.perColumn.cooking_time_min, {
    tp: 2,
    fp: 1,
    fn: 1,
    precision: 2 / 3,
    recall: 2 / 3,
    f1: 2 / 3,
  });
  // cost: tp 1 (case 1), fp 1 (case 6), fn 1 (case 3)
  assert.deepEqual(report.perColumn.cooking_cost_yen, { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  // category: tp 1 (case 1)
  assert.deepEqual(report.perColumn.dish_category, { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(report.overall, { tp: 4, fp: 2, fn: 2, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
  assert.equal(report.exactMatches, 3);
  assert.equal(report.exactMatchRate, 0.5);
  assert.deepEqual(report.noFilter, { cases: 3, withInventedFilter: 1 });
  // Unlabelled (case, column) pairs: case 2 on cost and category, case 3 on category, cases 4–6 on all
  // three = 12; case 6 got a cost filter its label does not have.
  assert.equal(report.invented.unlabelled, 12);
  assert.equal(report.invented.invented, 1);
  assert.equal(report.invented.rate, 1 / 12);
  assert.deepEqual(report.invented.perColumn.cooking_cost_yen, { unlabelled: 4, invented: 1, rate: 0.25 });
  assert.deepEqual(report.invented.perColumn.cooking_time_min, { unlabelled: 3, invented: 0, rate: 0 });
  assert.deepEqual(report.invented.perColumn.dish_category, { unlabelled: 5, invented: 0, rate: 0 });
  assert.deepEqual(report.skipped, {});
  // No case labels a calorie or a servings filter: those columns have no score, not a perfect one.
  assert.deepEqual(report.notScored, unlabelled(["cooking_time_min", "cooking_cost_yen", "dish_category"], 6));
  assert.deepEqual(
    report.failures.map((f) => f.line),
    [2, 3, 7],
  );
  assert.deepEqual(report.failures[1].missing, [{ column: "cooking_cost_yen", operator: "<=", value: 1000 }]);
  assert.deepEqual(withoutEvidence(report.failures[2].extra), [
    { column: "cooking_cost_yen", operator: "<=", value: 500 },
  ]);
}

describe("scores", () => {
  it("precision, recall and F1 are null where nothing was returned, wanted or scored", () => {
    assert.deepEqual(counts(0, 0, 0), { tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    assert.deepEqual(counts(0, 0, 2), { tp: 0, fp: 0, fn: 2, precision: null, recall: 0, f1: 0 });
    assert.deepEqual(counts(0, 3, 0), { tp: 0, fp: 3, fn: 0, precision: 0, recall: null, f1: 0 });
  });

  it("the offline extractor on the small dataset scores exactly as worked out by hand", async () => {
    assertKnownScores(await evaluate(parseDataset(SMALL), createExtractor(), { extractor: "rules" }));
  });

  it("a case that labels only some columns is not scored on the others", async () => {
    const cases = parseDataset(
      [
        `{"query": "10分以内に500円未満の副菜", "columns": ["cooking_time_min"], "filters": [{"column": "cooking_time_min", "operator": "<=", "value": 10}]}`,
        `{"query": "500円未満の副菜", "filters": [{"column": "cooking_cost_yen", "operator": "<", "value": 500}, {"column": "dish_category", "operator": "=", "value": "副菜"}]}`,
      ].join("\n"),
    );
    const report = await evaluate(cases, createExtractor(), { extractor: "rules" });
    assert.equal(report.exactMatches, 2, "case 1's cost and category filters are neither false positives nor failures");
    assert.deepEqual(report.notScored, {
      cooking_cost_yen: 1,
      dish_category: 1,
      ...unlabelled(["cooking_time_min", "cooking_cost_yen", "dish_category"], 2),
    });
    assert.deepEqual(report.perColumn.cooking_cost_yen, { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    assert.throws(
      () =>
        parseDataset(
          `{"query": "q", "columns": ["servings"], "filters": [{"column": "cooking_time_min", "operator": "<", "value": 1}]}`,
        ),
      /columns: a filter names a column outside the case's columns/,
    );
  });

  it("a dataset line that is not a case is an error naming the line", () => {
    assert.throws(
      () => parseDataset('{"query": "a", "filters": []}\n{"query": "b"}', "x.jsonl"),
      /^DatasetError: x\.jsonl:2: filters: /,
    );
    assert.throws(
      () => parseDataset('{"query": "a", "filters": [{"column": "c", "operator": "≈", "value": 1}]}', "x.jsonl"),
      /x\.jsonl:1: filters\.0\.operator/,
    );
    assert.throws(() => parseDataset("not json", "x.jsonl"), /x\.jsonl:1: not valid JSON/);
  });
});

describe("the llm extractor through a real ChatOpenAI client", () => {
  let server: OpenAIStandIn;
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  before(async () => {
    // A well-behaved model, except that the category branch (the one the answer gate asks for
    // this query) fails for "時短レシピ".
    server = await startOpenAIStandIn((req) =>
      req.user === "時短レシピ" && req.schemaName === "dish_category_values"
        ? { status: 400, body: { error: { message: "bad request" } } }
        : answer(req),
    );
  });
  after(() => server.close());

  it("is scored like any extractor; a failed branch fails its case and is shown", async () => {
    const report = await evaluate(parseDataset(SMALL), createExtractor({ build: { maxRetries: 0 } }), {
      extractor: "llm",
      baseUrl: server.url,
      concurrency: 4,
    });
    const asked = parseDataset(SMALL).reduce((n, c) => n + typesAskedFor(c.query, FILTER_TYPES).length, 0);
    assert.equal(server.requests.length, asked);
    assert.deepEqual(
      report.failures.map((f) => f.line),
      [2, 3, 5, 7],
    );
    const failed = report.failures.find((f) => f.line === 5)!;
    assert.deepEqual(
      failed.errors.map((e) => [e.branch, e.kind]),
      [["dish_category", "http"]],
    );
    assert.match(
      renderReport(report),
      /line 5: 時短レシピ\n {4}wanted: \(none\)\n {4}got: {4}\(none\)\n {4}error: {2}dish_category \(http\): .*400/,
    );
    assert.deepEqual(
      report.perColumn,
      (await evaluate(parseDataset(SMALL), createExtractor(), { extractor: "rules" })).perColumn,
    );
  });

  it("npm run eval -- --extractor llm against the stand-in gives the hand-worked scores", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recipe-filters-eval-"));
    writeFileSync(join(dir, "small.jsonl"), SMALL.replace("時短レシピ", "時短のレシピ"));
    const r = await runEval(
      ["--dataset", join(dir, "small.jsonl"), "--extractor", "llm", "--report", join(dir, "llm.json")],
      { OPENAI_BASE_URL: server.url },
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(join(dir, "llm.json"), "utf8")) as EvalReport;
    assert.equal(report.extractor, "llm");
    assertKnownScores(report);
  });
});

describe("npm run eval", () => {
  const dir = mkdtempSync(join(tmpdir(), "recipe-filters-eval-"));
  const dataset = join(dir, "small.jsonl");
  writeFileSync(dataset, SMALL);

  it("prints per-type precision/recall/F1, the exact-match rate and every failing case; writes the JSON report", async () => {
    const reportPath = join(dir, "out", "report.json");
    const r = await runEval(["--dataset", dataset, "--report", reportPath]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cooking_time_min +0\.6667 +0\.6667 +0\.6667 +2 +1 +1/);
    assert.match(r.stdout, /cooking_cost_yen +0\.5000 +0\.5000 +0\.5000 +1 +1 +1/);
    assert.match(r.stdout, /dish_category +1\.0000 +1\.0000 +1\.0000 +1 +0 +0/);
    assert.match(r.stdout, /all \(micro\) +0\.6667 +0\.6667 +0\.6667 +4 +2 +2/);
    assert.match(r.stdout, /exact match: 3\/6 = 50\.0 %/);
    assert.match(r.stdout, /no-filter cases with an invented filter: 1\/3/);
    assert.match(r.stdout, /not scored \(cases that do not label the column\): calories_kcal \(6 of 6 cases\)/);
    assert.doesNotMatch(r.stdout, /no filter type for the column yet/);
    assert.match(r.stdout, /line 2: 15分以内\n {4}wanted: cooking_time_min < 15\n {4}got: {4}cooking_time_min <= 15\n/);
    assert.match(r.stdout, /line 7: 卵2個と500円\n {4}wanted: \(none\)\n {4}got: {4}cooking_cost_yen <= 500\n/);
    assertKnownScores(JSON.parse(readFileSync(reportPath, "utf8")));
  });

  for (const [name, args, message] of [
    ["an invalid dataset", ["--dataset", "BAD"], /bad\.jsonl:2: filters/],
    ["a missing dataset", ["--dataset", "/nonexistent.jsonl"], /cannot read the dataset/],
    ["llm with no key and no server", ["--extractor", "llm"], /needs OPENAI_API_KEY/],
    ["an unknown extractor", ["--extractor", "magic"], /invalid/],
  ] as const)
    it(`exit 2 and one line for ${name}`, async () => {
      const bad = join(dir, "bad.jsonl");
      writeFileSync(bad, '{"query": "a", "filters": []}\n{"query": "b"}\n');
      const r = await runEval([...args.map((a) => (a === "BAD" ? bad : a)), "--report", join(dir, "never.json")]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    });
});
