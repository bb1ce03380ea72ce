// The offline extractor on the rules of filter-semantics.md (the evaluation dataset
// measures it at scale; these are the rules one by one).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { normalizeQuery, numbersIn, parseNumeral } from "../src/language/numerals.js";

const NUMERIC = FILTER_TYPES.filter((t) => t.column === "cooking_time_min" || t.column === "cooking_cost_yen");
const extract = (q: string) =>
  NUMERIC.flatMap((t) => t.extractOffline(q, FILTER_TYPES)).map((f) => `${f.column} ${f.operator} ${f.value}`);

describe("numerals", () => {
  for (const [run, value] of [
    ["十", 10],
    ["二十五", 25],
    ["五百", 500],
    ["千五百", 1500],
    ["一万", 10000],
    ["1万", 10000],
    ["3千", 3000],
    ["1万5千", 15000],
    ["1.5", 1.5],
  ] as const)
    it(`${run} = ${value}`, () => assert.equal(parseNumeral(run), value));
  it("full width digits and separators", () => assert.equal(normalizeQuery("１，０００円"), "1000円"));
  it("十分に (enough) is not ten minutes", () => assert.equal(normalizeQuery("十分に加熱"), "十分に加熱"));
  it("十分 before a verb is 'thoroughly'; before a bound word or で it is ten minutes", () => {
    assert.equal(normalizeQuery("十分加熱"), "十分加熱");
    assert.equal(normalizeQuery("十分以内"), "10分以内");
    assert.equal(normalizeQuery("十分で"), "10分で");
    assert.equal(normalizeQuery("二十分に"), "20分に");
  });
  it("a number never starts inside another one, so extraction and grounding read alike", () => {
    assert.equal(normalizeQuery("1.5.5yen"), "1.5.5yen");
    assert.deepEqual(numbersIn("1.5.5円"), [1.5]);
  });
  it("the characters used as internal markers are noise in a query", () =>
    assert.equal(normalizeQuery("\u00000\u0001十分に"), " 0 十分に"));
  it("a vague count states no number", () => {
    for (const vague of ["数百円", "数十分", "十数分", "何千円", "百数十円"])
      assert.doesNotMatch(normalizeQuery(vague), /\d/, vague);
  });
  it("a multiplier written once in a range applies to both ends, only when that reads upward", () => {
    assert.equal(normalizeQuery("2〜3千円"), "2000〜3000円");
    assert.equal(normalizeQuery("1〜1.5万円"), "10000〜15000円");
    assert.equal(normalizeQuery("500〜1千円"), "500〜1000円");
  });
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
    // negations are tried before the word they negate
    ["60分を超えない", ["cooking_time_min <= 60"]],
    ["no less than 1 hour", ["cooking_time_min >= 60"]],
    ["not more than 500 yen", ["cooking_cost_yen <= 500"]],
    ["30分もかからずに", ["cooking_time_min < 30"]],
    // symbols, particles, approximate words between the bound and the number
    ["≤ 30 minutes", ["cooking_time_min <= 30"]],
    ["<20分", ["cooking_time_min < 20"]],
    ["最低でも1000円", ["cooking_cost_yen >= 1000"]],
    ["約1時間以上", ["cooking_time_min >= 60"]],
    // one unit (or multiplier) for both ends of a range; 未満 closes it strictly
    ["1〜2時間", ["cooking_time_min >= 60", "cooking_time_min <= 120"]],
    ["30分〜1時間", ["cooking_time_min >= 30", "cooking_time_min <= 60"]],
    ["dishes that take 1-2 hours", ["cooking_time_min >= 60", "cooking_time_min <= 120"]],
    ["2〜3千円", ["cooking_cost_yen >= 2000", "cooking_cost_yen <= 3000"]],
    ["¥500-1000", ["cooking_cost_yen >= 500", "cooking_cost_yen <= 1000"]],
    ["20〜30分未満", ["cooking_time_min >= 20", "cooking_time_min < 30"]],
    // spelled-out English numbers and compound units
    ["twenty-five minutes or less", ["cooking_time_min <= 25"]],
    ["under five hundred yen", ["cooking_cost_yen < 500"]],
    ["thirty-minute dinners", ["cooking_time_min <= 30"]],
    ["two and a half hours", ["cooking_time_min <= 150"]],
    ["1hr30min", ["cooking_time_min <= 90"]],
    ["1分30秒", ["cooking_time_min <= 1.5"]],
    // "from X" notation, and X円台
    ["1000円〜のディナー", ["cooking_cost_yen >= 1000"]],
    ["1000円台", ["cooking_cost_yen >= 1000", "cooking_cost_yen < 2000"]],
    // not a time or a cost at all
    ["5分づき米", []],
    ["腹八分目", []],
    ["4分割する", []],
    ["100円ショップの道具", []],
    ["100 yen shop", []],
    ["under $10", []],
    ["数百円で作れる", []],
    ["1.5.5yen", []],
    ["10分強火で焼く", ["cooking_time_min <= 10"]],
  ];
  for (const [query, wanted] of cases) it(query, () => assert.deepEqual(extract(query), wanted));
});
