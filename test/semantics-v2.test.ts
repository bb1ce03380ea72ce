// Semantics v2 in the reducer and the formats: grounding by unit, `in` lists (validity,
// merging, contradictions, order), and numbers that must not silently change (-10分, 1e309).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Comparators, Operators } from "@langchain/core/structured_query";
import fc from "fast-check";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES, type Filter } from "../src/filters/index.js";
import { toDatabricksFilters } from "../src/formats/databricks.js";
import { toSqlWhere } from "../src/formats/sql.js";
import { toStructuredQuery } from "../src/formats/structured-query.js";
import { mergeFilters } from "../src/workflow/reduce.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { filterProblems } from "./support/filter-validity.js";
import { withoutEvidence } from "./support/without-evidence.js";

const merge = (query: string, ...candidates: Filter[]) => mergeFilters(candidates, BUILT_IN_REGISTRY, query);
const f = (column: string, operator: Filter["operator"], value: Filter["value"]): Filter => ({
  column,
  operator,
  value,
});
const category = (operator: Filter["operator"], value: Filter["value"]) => f("dish_category", operator, value);

describe("grounding by unit", () => {
  it("a number stated with another column's unit never grounds this column", () => {
    const { filters, warnings } = merge(
      "500円以下の副菜",
      f("cooking_cost_yen", "<=", 500),
      f("calories_kcal", "<=", 500),
      f("cooking_time_min", "<=", 500),
      f("cost_per_serving_yen", "<=", 500),
    );
    assert.deepEqual(filters, [f("cooking_cost_yen", "<=", 500)]);
    assert.deepEqual(
      warnings.map((w) => w.filter?.column),
      ["calories_kcal", "cooking_time_min", "cost_per_serving_yen"],
    );
  });

  it("a per-person cost grounds only the per-serving column; a period budget grounds no column", () => {
    assert.deepEqual(
      merge("1人分200円以下", f("cooking_cost_yen", "<=", 200), f("cost_per_serving_yen", "<=", 200)).filters,
      [f("cost_per_serving_yen", "<=", 200)],
    );
    assert.deepEqual(merge("月2万円の食費", f("cooking_cost_yen", "<=", 20000)).filters, []);
  });

  it("a converted value and a band's upper end are grounded; a bare number grounds a number no column claims", () => {
    assert.equal(merge("1時間台", f("cooking_time_min", ">=", 60), f("cooking_time_min", "<", 120)).filters.length, 2);
    assert.equal(merge("dinner under 20", f("cooking_time_min", "<", 20)).filters.length, 1);
    assert.equal(merge("serves 4", f("cooking_time_min", "<=", 4)).filters.length, 0, "4 is a servings count");
  });
});

describe("in", () => {
  it("is valid only as a non-empty list of allowed values, and each value must be named", () => {
    assert.deepEqual(merge("主菜か副菜", category("in", ["主菜", "副菜"])).filters, [category("in", ["主菜", "副菜"])]);
    for (const bad of [
      category("in", []),
      category("in", "主菜"),
      category("=", ["主菜"]),
      category("in", ["主菜", "鍋"]),
    ])
      assert.deepEqual(merge("主菜か副菜", bad).filters, [], JSON.stringify(bad));
    const { warnings } = merge("主菜", category("in", ["主菜", "汁物"]));
    assert.match(warnings[0].message, /ungrounded/);
  });

  it("= comes before in; a contradiction check understands in", () => {
    const together = merge("主菜、主菜か副菜", category("in", ["主菜", "副菜"]), category("=", "主菜"));
    assert.deepEqual(together.filters, [category("=", "主菜"), category("in", ["主菜", "副菜"])]);
    assert.deepEqual(together.contradictions, []);
    const apart = merge("汁物、主菜か副菜", category("in", ["主菜", "副菜"]), category("=", "汁物"));
    assert.equal(apart.contradictions.length, 1);
    assert.match(apart.contradictions[0].message, /= 汁物 and in \[主菜, 副菜\]/);
  });

  it("two lists keep their common values, or are a contradiction when they share none", () => {
    const q = "主菜か副菜、副菜か汁物、主食かデザート";
    assert.deepEqual(merge(q, category("in", ["主菜", "副菜"]), category("in", ["副菜", "汁物"])).filters, [
      category("in", ["副菜"]),
    ]);
    assert.equal(
      merge(q, category("in", ["主菜", "副菜"]), category("in", ["主食", "デザート"])).contradictions.length,
      1,
    );
  });

  it("every format writes it: SQL IN, a Databricks list, a StructuredQuery or of eq", () => {
    const filters = [f("cooking_time_min", "<=", 10), category("in", ["主菜", "副菜"])];
    assert.deepEqual(toSqlWhere(filters, { registry: BUILT_IN_REGISTRY, placeholders: "numbered" }), {
      where: '"cooking_time_min" <= $1 AND "dish_category" IN ($2, $3)',
      params: [10, "主菜", "副菜"],
    });
    assert.deepEqual(toDatabricksFilters(filters, { registry: BUILT_IN_REGISTRY }), {
      "cooking_time_min <=": 10,
      dish_category: ["主菜", "副菜"],
    });
    const sq = toStructuredQuery({ query: "q", filters }, { registry: BUILT_IN_REGISTRY }).filter as any;
    assert.equal(sq.operator, Operators.and);
    assert.equal(sq.args[1].operator, Operators.or);
    assert.deepEqual(
      sq.args[1].args.map((c: any) => [c.comparator, c.attribute, c.value]),
      [
        [Comparators.eq, "dish_category", "主菜"],
        [Comparators.eq, "dish_category", "副菜"],
      ],
    );
    assert.throws(
      () => toSqlWhere([category("=", ["主菜"])], { registry: BUILT_IN_REGISTRY }),
      /one value, not a list/,
    );
  });
});

describe("numbers are never silently changed", () => {
  for (const [query, reason] of [
    ["-10分以内", /negative/],
    ["1e309分以内", /not a finite number/],
  ] as const)
    it(`${query}: no filter, and a warning that says why (not <= 10 / <= 309)`, async () => {
      const result = await createExtractor().extract(query, { context: { extractor: "rules" } });
      assert.deepEqual(result.filters, []);
      assert.match(result.warnings.map((w) => w.message).join("\n"), reason);
    });
});

describe("v2 phrases, property-based", () => {
  // Bands, per-person and period amounts, category lists, names and English bound forms,
  // mixed at random: the offline extractor and the reducer never throw, and every filter is
  // valid and grounded, with no proposal dropped as ungrounded.
  const part = fc.constantFrom(
    "100円台",
    "1500円台",
    "1万円台",
    "20分台",
    "1時間台",
    "300kcal台",
    "500〜600円台",
    "1000円台まで",
    "電子レンジ1台",
    "1人分100円",
    "1人前300円以下",
    "一人あたり200円",
    "1食150円",
    "ひとりぶん",
    "2人分で500円以内",
    "1人分 620kcal以下",
    "月2万円",
    "1週間5000円",
    "1日1人1500円",
    "1日1800kcal",
    "食費200円未満",
    "$10",
    "主菜と副菜",
    "主食か汁物",
    "丼とパスタ",
    "main or side dishes",
    "mains & sides",
    "soups",
    "2分ルール",
    "3分クッキング",
    "Week 51 - 30 Minutes or Less",
    "30選",
    "5 ingredients",
    "under-300 calorie",
    "sub-500",
    "does not have to take longer than 15 minutes",
    "serve four",
    "feeds six",
    "makes 6 servings",
    "per serving under 300 yen",
    "300 yen a head",
    "-10分",
    "1e309分",
    "1 1/2 hours",
    "、",
    " ",
    "の",
    "で",
  );
  const query = fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
  it("3,000 generated queries: valid, grounded, nothing proposed that the reducer calls ungrounded", () => {
    fc.assert(
      fc.property(query, (q) => {
        const candidates = FILTER_TYPES.flatMap((type) => type.extractOffline(q, FILTER_TYPES));
        const { filters, warnings } = mergeFilters(candidates, BUILT_IN_REGISTRY, q);
        assert.deepEqual(filterProblems(filters, q), []);
        assert.deepEqual(
          warnings.filter((w) => /ungrounded/.test(w.message)),
          [],
        );
      }),
      { numRuns: 3000 },
    );
  });
});

describe("names are not bounds, also for a model", () => {
  it("a model's cooking_time_min <= 2 for 2分ルール or <= 3 for 3分クッキング is ungrounded", () => {
    assert.deepEqual(merge("2分ルールで片付く作り置き", f("cooking_time_min", "<=", 2)).filters, []);
    assert.deepEqual(merge("3分クッキングの副菜", f("cooking_time_min", "<=", 3)).filters, []);
  });
});

describe("the LLM path carries v2", () => {
  let server: OpenAIStandIn;
  before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES))));
  after(() => server.close());

  // A perfect model answers each type's schema; its answers must become the v2 filters.
  for (const [query, wanted] of [
    ["主菜か副菜で10分以内", [f("cooking_time_min", "<=", 10), category("in", ["主菜", "副菜"])]],
    [
      "1人分200円台の主菜",
      [category("=", "主菜"), f("cost_per_serving_yen", ">=", 200), f("cost_per_serving_yen", "<", 300)],
    ],
    ["2人分で500円以内", [f("cooking_cost_yen", "<=", 500), f("servings", "=", 2)]],
    ["月2万円の食費でやりくり", []],
  ] as const)
    it(`${query} through ChatOpenAI and the answer schemas`, async () => {
      const result = await createExtractor().extract(query, {
        context: { extractor: "llm", baseUrl: server.url, model: "gpt-4o-mini" },
      });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(withoutEvidence(result.filters), wanted);
      assert.deepEqual(result.warnings, [], "every quote grounds its filter");
    });
});
