// The offline extractor on the rules of filter-semantics.md (the evaluation dataset
// measures it at scale; these are the rules one by one).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { normalizeQuery, parseNumeral } from "../src/language/numerals.js";

const NUMERIC = FILTER_TYPES.filter((t) => t.column === "cooking_time_min" || t.column === "cooking_cost_yen");
const extract = (q: string) => NUMERIC.flatMap((t) => t.extractOffline(q)).map((f) => `${f.column} ${f.operator} ${f.value}`);

describe("numerals", () => {
  for (const [run, value] of [["十", 10], ["二十五", 25], ["五百", 500], ["千五百", 1500], ["一万", 10000], ["1万", 10000], ["3千", 3000], ["1万5千", 15000], ["1.5", 1.5]] as const)
    it(`${run} = ${value}`, () => assert.equal(parseNumeral(run), value));
  it("full width digits and separators", () => assert.equal(normalizeQuery("１，０００円"), "1000円"));
  it("十分に (enough) is not ten minutes", () => assert.equal(normalizeQuery("十分に加熱"), "十分に加熱"));
});

describe("bounds, units and traps", () => {
  const cases: [string, string[]][] = [
    ["10分以内に500円未満で作れる副菜教えて", ["cooking_time_min <= 10", "cooking_cost_yen < 500"]],
    ["30分以上煮込む", ["cooking_time_min >= 30"]],
    ["1時間を超える", ["cooking_time_min > 60"]],
    ["１時間半くらいで", ["cooking_time_min <= 90"]],
    ["20〜30分で作れる", ["cooking_time_min >= 20", "cooking_time_min <= 30"]],
    ["10分から20分まで", ["cooking_time_min >= 10", "cooking_time_min <= 20"]],
    ["ワンコインで作れる丼", ["cooking_cost_yen <= 500"]],
    ["3千円以上", ["cooking_cost_yen >= 3000"]],
    ["丼もの 15分", ["cooking_time_min <= 15"]],
    ["dinner in under 20 minutes", ["cooking_time_min < 20"]],
    ["at least 1000 yen", ["cooking_cost_yen >= 1000"]],
    ["between 10 and 20 minutes", ["cooking_time_min >= 10", "cooking_time_min <= 20"]],
    ["half an hour or less", ["cooking_time_min <= 30"]],
    ["90秒で", ["cooking_time_min <= 1.5"]],
    ["時短で簡単な副菜", []],
    ["quick and cheap pasta", []],
    ["卵2個で3品、2人分", []],
    ["3分クッキングの人気レシピ", []],
    ["100均グッズで作る", []],
    ["十分に加熱した鶏肉", []],
  ];
  for (const [query, wanted] of cases) it(query, () => assert.deepEqual(extract(query), wanted));
});
