import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { valueShapeProblem } from "../src/filters/filter-type.js";
import { BUILT_IN_REGISTRY, type Filter } from "../src/filters/index.js";
import { contradictions, ground, mergeFilters, order, tighten, validate } from "../src/workflow/reduce.js";

const time = (operator: Filter["operator"], value: number): Filter => ({ column: "cooking_time_min", operator, value });
const cost = (operator: Filter["operator"], value: number): Filter => ({ column: "cooking_cost_yen", operator, value });
const merge = (candidates: Filter[], query = "5分 10分 15分 20分 30分 60分 300円 500円 800円 1000円") =>
  mergeFilters(candidates, BUILT_IN_REGISTRY, query);

describe("mergeFilters", () => {
  it("keeps the tighter bound for the same column and operator", () => {
    assert.deepEqual(merge([time("<=", 30), time("<=", 10), cost(">=", 300), cost(">=", 800)]).filters, [
      time("<=", 10),
      cost(">=", 800),
    ]);
  });

  it("removes duplicates", () => {
    assert.deepEqual(merge([time("<", 10), time("<", 10)]).filters, [time("<", 10)]);
  });

  it("orders by registry, then operator, then value, whatever the arrival order", () => {
    const wanted = [time(">=", 10), time("<=", 30), cost("<", 500)];
    assert.deepEqual(merge([cost("<", 500), time("<=", 30), time(">=", 10)]).filters, wanted);
    assert.deepEqual(merge([time(">=", 10), cost("<", 500), time("<=", 30)]).filters, wanted);
  });

  it("reports contradictions and keeps both filters", () => {
    const { filters, contradictions } = merge([time("<", 5), time(">", 10)]);
    assert.equal(filters.length, 2);
    assert.equal(contradictions.length, 1);
    assert.equal(contradictions[0].column, "cooking_time_min");
    assert.match(contradictions[0].message, /< 5/);
  });

  it("treats touching strict bounds as a contradiction and touching inclusive bounds as satisfiable", () => {
    assert.equal(merge([time("<", 10), time(">=", 10)]).contradictions.length, 1);
    assert.equal(merge([time("<=", 10), time(">=", 10)]).contradictions.length, 0);
  });

  it("drops invalid filters with a warning: unknown column, operator not allowed, not finite, negative, out of range", () => {
    const bad: Filter[] = [
      { column: "calories_kcal_typo", operator: "<", value: 5 },
      time("=", 10),
      time("<", Number.NaN),
      time("<", -5),
      time("<", 100_000),
      { column: "cooking_cost_yen", operator: "<", value: "500" },
    ];
    const { filters, warnings } = merge(bad, "10分 5分 -5分 100000分 500円");
    assert.deepEqual(filters, []);
    assert.equal(warnings.length, bad.length);
    for (const w of warnings) assert.match(w.message, /^dropped: /);
  });

  it("drops a value the query does not state (ungrounded) with a warning", () => {
    const { filters, warnings } = mergeFilters(
      [time("<=", 10), cost("<", 700)],
      BUILT_IN_REGISTRY,
      "10分以内で安い副菜",
    );
    assert.deepEqual(filters, [time("<=", 10)]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /ungrounded/);
  });

  it("grounds a value stated in another unit or as a fixed phrase", () => {
    assert.equal(mergeFilters([time("<=", 90)], BUILT_IN_REGISTRY, "1時間半以内").filters.length, 1);
    assert.equal(mergeFilters([cost("<=", 500)], BUILT_IN_REGISTRY, "ワンコインで作れる").filters.length, 1);
    assert.equal(mergeFilters([cost("<=", 1500)], BUILT_IN_REGISTRY, "千五百円以下").filters.length, 1);
  });
});

describe("the reducer's steps, each on its own", () => {
  const R = BUILT_IN_REGISTRY;
  it("validate drops what its column cannot hold, and says why", () => {
    const { filters, warnings } = validate([time("<=", 10), time("in", 10), cost("<", -1)], R);
    assert.deepEqual(filters, [time("<=", 10)]);
    assert.deepEqual(
      warnings.map((w) => w.message),
      ["dropped: operator in is not allowed on cooking_time_min", "dropped: value -1 is negative"],
    );
  });

  it("ground drops a value the query does not state with its column's unit", () => {
    const { filters, warnings } = ground([time("<=", 10), cost("<=", 10)], R, "10分以内");
    assert.deepEqual(filters, [time("<=", 10)]);
    assert.match(warnings[0].message, /ungrounded/);
  });

  it("tighten keeps the tighter bound per column and operator, and both of two unrelated values", () => {
    assert.deepEqual(tighten([time("<=", 30), time("<=", 10), time(">=", 5)]), [time("<=", 10), time(">=", 5)]);
    const eq = (value: string): Filter => ({ column: "dish_category", operator: "=", value });
    assert.deepEqual(tighten([eq("主菜"), eq("副菜")]), [eq("主菜"), eq("副菜")]);
  });

  it("order follows the registry, then the column's operators, then the value", () => {
    assert.deepEqual(order([cost("<", 500), time("<=", 30), time(">=", 10)], R), [
      time(">=", 10),
      time("<=", 30),
      cost("<", 500),
    ]);
  });

  it("contradictions names every pair on one column that cannot hold together", () => {
    assert.deepEqual(
      contradictions([time("<", 5), time(">", 10), cost("<", 500)]).map((c) => c.message),
      ["no cooking_time_min is < 5 and > 10"],
    );
  });

  it("a list goes with `in` only: the one shape rule the reducer and every format share", () => {
    assert.equal(valueShapeProblem({ operator: "in", value: ["主菜"] }), undefined);
    assert.match(valueShapeProblem({ operator: "in", value: [] }) ?? "", /non-empty list/);
    assert.match(valueShapeProblem({ operator: "=", value: ["主菜"] }) ?? "", /one value, not a list/);
  });
});
