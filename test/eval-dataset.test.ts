// The offline extractor measured on the hand-written evaluation dataset (eval/dataset.jsonl).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { caseLanguage, type EvalCase, loadDataset } from "../eval/dataset.js";
import { type EvalReport, evaluate } from "../eval/evaluate.js";
import { filterKey } from "../eval/score.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";

const DATASET = fileURLToPath(new URL("../eval/dataset.jsonl", import.meta.url));

describe("the evaluation dataset and the offline extractor", () => {
  let cases: EvalCase[];
  let report: EvalReport;
  before(async () => {
    cases = await loadDataset(DATASET);
    report = await evaluate(cases, createExtractor(), { extractor: "rules" });
  });

  it("has at least 200 cases: 140+ Japanese, 40+ English, 30+ that must yield no filter, no query twice", () => {
    assert.ok(cases.length >= 200, `${cases.length} cases`);
    assert.ok(cases.filter((c) => caseLanguage(c.query) === "ja").length >= 140);
    assert.ok(cases.filter((c) => caseLanguage(c.query) === "en").length >= 40);
    assert.ok(cases.filter((c) => c.filters.length === 0).length >= 30);
    assert.equal(new Set(cases.map((c) => c.query)).size, cases.length);
  });

  it("reaches at least 98 % exact match", () => {
    const failing = report.failures.map(
      (f) => `${f.query}: wanted [${f.wanted.map(filterKey)}] got [${f.got.map(filterKey)}]`,
    );
    assert.ok(report.exactMatchRate >= 0.98, `${(report.exactMatchRate * 100).toFixed(1)} %\n${failing.join("\n")}`);
  });

  it("invents no filter on a case that must yield none", () => {
    assert.ok(report.noFilter.cases >= 30);
    assert.equal(
      report.noFilter.withInventedFilter,
      0,
      report.failures
        .filter((f) => f.wanted.length === 0)
        .map((f) => f.query)
        .join("\n"),
    );
  });

  it("has an invented-filter rate of 0: no column gets a filter its label does not have", () => {
    assert.ok(report.invented.unlabelled > 1000);
    assert.equal(report.invented.rate, 0, JSON.stringify(report.invented.perColumn));
  });

  it("grounds every filter it returns: the value is stated in the query, so the reducer drops nothing", () => {
    for (const { query } of cases)
      for (const type of FILTER_TYPES) {
        const stated = type.groundingValues(query, FILTER_TYPES);
        for (const f of type.extractOffline(query, FILTER_TYPES))
          assert.ok(
            [f.value].flat().every((v) => stated.includes(v)),
            `${query}: ${filterKey(f)} not in [${stated}]`,
          );
      }
  });
});
