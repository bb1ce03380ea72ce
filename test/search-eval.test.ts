// npm run eval -- --search: the scoring, and the ranking's gain on the judged queries (offline extractor).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateSearch, renderSearchReport, scoreList } from "../eval/search-eval.js";
import { loadSearchCases } from "../eval/search-judgments.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { openCatalog } from "../src/search/recipe-store.js";

describe("search evaluation", () => {
  it("precision@5 and nDCG@5 of a list of relevance flags", () => {
    assert.deepEqual(scoreList([true, true, true, true, true], 9), { precision: 1, ndcg: 1 });
    assert.deepEqual(scoreList([false, false, false, false, false], 9), { precision: 0, ndcg: 0 });
    // Two relevant recipes exist and both are first: perfect nDCG, precision 2/5.
    assert.deepEqual(scoreList([true, true, false, false, false], 2), { precision: 0.4, ndcg: 1 });
    const late = scoreList([false, false, false, false, true], 1);
    assert.equal(late.precision, 0.2);
    assert.ok(Math.abs(late.ndcg - 1 / Math.log2(6)) < 1e-12);
    assert.deepEqual(scoreList([], 0), { precision: 0, ndcg: 0 });
  });

  it("ranking by the residual beats the filters alone on the judged queries, in both languages", async () => {
    const db = await openCatalog(undefined, { registry: BUILT_IN_REGISTRY });
    const report = await evaluateSearch(loadSearchCases(), createExtractor(), db, { extractor: "rules" });
    db.close();
    assert.equal(report.cases, 48);
    for (const language of ["ja", "en"] as const) {
      const { filtersOnly, ranked } = report.byLanguage[language];
      assert.ok(ranked.precision >= 0.85 && ranked.ndcg >= 0.9, `${language}: ${JSON.stringify(ranked)}`);
      assert.ok(ranked.precision > filtersOnly.precision + 0.5, language);
    }
    assert.match(renderSearchReport(report), /^search: 48 judged queries/);
  });
});
