// The residual: the query minus every filter's evidence and what it stranded; category words
// that recipes' text names stay. Over the whole evaluation dataset as the extractor reads it.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadDataset } from "../eval/dataset.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { defineCategoryFilterType } from "../src/filters/category-filter-type.js";
import type { Filter } from "../src/filters/filter.js";
import { BUILT_IN_REGISTRY, createRegistry, FILTER_TYPES } from "../src/filters/index.js";
import { markEvidence } from "../src/formats/evidence-marks.js";
import { residualOf as residualIn } from "../src/query/residual.js";

/** The residual as the built-in registry reads it. */
const residualOf = (query: string, filters: readonly Filter[]) =>
  residualIn(query, filters, { registry: BUILT_IN_REGISTRY });

/** A filter whose evidence is the first place `text` stands in `query`. */
function read(query: string, text: string, column: string, value: Filter["value"] = 1): Filter {
  const start = query.indexOf(text);
  assert.ok(start >= 0, `${text} is in ${query}`);
  return { column, operator: "=", value, evidence: { start, end: start + text.length, text } };
}

describe("residualOf", () => {
  const cases: [string, [string, string][], string][] = [
    [
      "鶏むね肉を使った10分以内の副菜",
      [
        ["10分以内", "cooking_time_min"],
        ["副菜", "dish_category"],
      ],
      "鶏むね肉を使った",
    ],
    [
      "10分以内に500円未満で作れる副菜教えて",
      [
        ["10分以内", "cooking_time_min"],
        ["500円未満", "cooking_cost_yen"],
        ["副菜", "dish_category"],
      ],
      "作れる 教えて",
    ],
    [
      "鮭の主菜を500円以下で",
      [
        ["500円以下", "cooking_cost_yen"],
        ["主菜", "dish_category"],
      ],
      "鮭",
    ],
    [
      "主菜か副菜で10分以内",
      [
        ["主菜か副菜", "dish_category"],
        ["10分以内", "cooking_time_min"],
      ],
      "",
    ],
    [
      "chicken breast side dishes under 15 minutes",
      [
        ["15 minutes", "cooking_time_min"],
        ["side dishes", "dish_category"],
      ],
      "chicken breast",
    ],
    [
      "shrimp main dish for 2 people",
      [
        ["2 people", "servings"],
        ["main dish", "dish_category"],
      ],
      "shrimp",
    ],
    [
      "pork mains under 20 minutes and 500 yen or less",
      [
        ["20 minutes", "cooking_time_min"],
        ["500 yen", "cooking_cost_yen"],
        ["mains", "dish_category"],
      ],
      "pork",
    ],
  ];
  for (const [query, spans, residual] of cases)
    it(`${query} → 「${residual}」`, () =>
      assert.equal(
        residualOf(
          query,
          spans.map(([text, column]) => read(query, text, column)),
        ),
        residual,
      ));

  it("keeps a category word that recipes' text names (パスタ, 味噌汁, miso soup), and the words that carry meaning", () => {
    const q1 = "きのこのパスタ 20分以内";
    assert.equal(
      residualOf(q1, [read(q1, "20分以内", "cooking_time_min"), read(q1, "パスタ", "dish_category", "主食")]),
      "きのこのパスタ",
    );
    const q2 = "miso soup with tofu within 10 minutes";
    assert.equal(
      residualOf(q2, [
        read(q2, "within 10 minutes", "cooking_time_min"),
        read(q2, "miso soup", "dish_category", "汁物"),
      ]),
      "miso soup with tofu",
    );
  });

  it("asks each filter's type whether its words stay: a category type's value-only words go, its other words stay", () => {
    const cuisine = defineCategoryFilterType({
      name: "cuisine",
      column: "cuisine",
      description: "A test type.",
      noun: "cuisine",
      values: ["和食", "洋食"],
      synonyms: { 和食: ["和食", "寿司", "japanese food"], 洋食: ["洋食", "western"] },
      valueOnlyWords: ["Japanese food"],
      notAValue: "",
      examples: [],
    });
    const registry = createRegistry([...FILTER_TYPES, cuisine]);
    for (const [query, words, residual] of [
      ["鮭の和食", "和食", "鮭"],
      ["salmon japanese food", "japanese food", "salmon"],
      ["寿司 10分以内", "寿司", "寿司 10分以内"],
    ] as const)
      assert.equal(residualIn(query, [read(query, words, "cuisine", "和食")], { registry }), residual, query);
    assert.equal(cuisine.keepsInResidual?.("和食か洋食"), false, "alternatives that each name only a value");
    assert.equal(cuisine.keepsInResidual?.("寿司か洋食"), true);
  });

  it("a span whose offsets disagree with its text is found by its text; no evidence cuts nothing", () => {
    const q = "豚こまの主菜 15分以内";
    assert.equal(
      residualOf(q, [{ ...read(q, "15分以内", "cooking_time_min"), evidence: { start: 0, end: 6, text: "15分以内" } }]),
      "豚こまの主菜",
    );
    assert.equal(residualOf(q, [{ column: "cooking_time_min", operator: "<=", value: 15 }]), q);
  });
});

describe("the residual over the whole evaluation dataset (the offline extractor)", () => {
  it("no residual holds a filter's evidence, unless a category word recipes name; a query with no filter keeps its text", async () => {
    const extractor = createExtractor();
    const cases = await loadDataset(new URL("../eval/dataset.jsonl", import.meta.url).pathname);
    for (const c of cases) {
      const result = await extractor.extract(c.query, { context: { extractor: "rules" } });
      if (result.filters.length === 0) assert.equal(result.residual, c.query, c.query);
      for (const f of result.filters) {
        if (!f.evidence) continue;
        assert.equal(c.query.slice(f.evidence.start, f.evidence.end), f.evidence.text, c.query);
        const kept = f.column === "dish_category" && residualOf(c.query, [f]).includes(f.evidence.text);
        if (!kept)
          assert.ok(
            !result.residual.includes(f.evidence.text),
            `${c.query}: 「${result.residual}」 holds ${f.evidence.text}`,
          );
      }
    }
  });
});

describe("markEvidence: each filter's words in brackets in the echoed query", () => {
  it("brackets every span, merges overlaps, skips a span whose offsets do not hold its text", () => {
    const q = "鶏むね肉を使った10分以内の副菜";
    const filters = [read(q, "10分以内", "cooking_time_min"), read(q, "副菜", "dish_category")];
    assert.equal(markEvidence(q, filters), "鶏むね肉を使った[10分以内]の[副菜]");
    assert.equal(
      markEvidence(q, [...filters, read(q, "10分", "cooking_time_min")]),
      "鶏むね肉を使った[10分以内]の[副菜]",
    );
    assert.equal(markEvidence(q, [{ ...filters[0], evidence: { start: 0, end: 2, text: "10" } }]), q);
  });
});
