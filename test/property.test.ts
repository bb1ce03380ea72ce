// Property-based: over ≥ 10,000 generated queries — random Unicode (lone surrogates included)
// mixed with numerals in every spelling, units, bound words and known traps — the offline
// extractor and the reducer never throw, and every filter that comes out is valid (known
// column, allowed operator, finite, in range) and grounded in the query.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY, FILTER_TYPES } from "../src/filters/index.js";
import { checkQuery } from "../src/workflow/query-check.js";
import { mergeFilters } from "../src/workflow/reduce.js";
import { filterProblems } from "./support/filter-validity.js";

const unusable = (query: string) => {
  try {
    checkQuery(query);
    return false;
  } catch {
    return true;
  }
};

const KANJI_DIGITS = "〇一二三四五六七八九";
/** 1–99,999 in kanji (二万三千五十), the way a recipe site's user would write it. */
function kanji(n: number): string {
  const parts: string[] = [];
  for (const [unit, value] of [
    ["万", 10_000],
    ["千", 1000],
    ["百", 100],
    ["十", 10],
  ] as const) {
    const digit = Math.floor(n / value) % 10;
    if (digit) parts.push(`${digit === 1 && unit !== "万" ? "" : KANJI_DIGITS[digit]}${unit}`);
  }
  return parts.join("") + (n % 10 ? KANJI_DIGITS[n % 10] : "") || "〇";
}
const fullWidth = (text: string) => text.replace(/[0-9.,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const int = fc.integer({ min: 0, max: 2_000_000 });
const numeral = fc.oneof(
  int.map(String),
  int.map((n) => fullWidth(String(n))),
  int.map((n) => n.toLocaleString("en-US")),
  int.map((n) => fullWidth(n.toLocaleString("en-US"))),
  fc.integer({ min: 1, max: 99_999 }).map(kanji),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`),
  // Dotted runs (0.10.1, 1.2.3.4): extraction and grounding must read them the same way.
  fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 3, maxLength: 4 }).map((parts) => parts.join(".")),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom("万", "千", "百")).map(([a, u]) => `${a}${u}`),
  fc.constant("-5"),
);
const unit = fc.constantFrom(
  "分",
  "時間",
  "時間半",
  "秒",
  "円",
  "¥",
  "￥",
  " yen",
  " minutes",
  " min",
  " hours",
  "h",
  "m",
  "個",
  "人分",
  "kcal",
  "g",
  "",
);
const bound = fc.constantFrom(
  "以内",
  "以下",
  "まで",
  "で作れる",
  "最大",
  "未満",
  "より短い",
  "より安い",
  "を切る",
  "足らず",
  "以上",
  "最低",
  "少なくとも",
  "超",
  "超え",
  "を超える",
  "より長い",
  "〜",
  "~",
  "から",
  "-",
  "within ",
  "under ",
  "less than ",
  "at least ",
  "over ",
  "more than ",
  "between ",
  " and ",
  " to ",
  "くらい",
  "約",
  "程度",
  "前後",
  "about ",
  "",
);
const filler = fc.constantFrom(
  "副菜",
  "主菜",
  "の",
  "、",
  "。",
  " ",
  "で",
  "に",
  "ワンコイン",
  "one coin",
  "時短",
  "簡単",
  "安い",
  "quick",
  "cheap",
  "3分クッキング",
  "十分に",
  "100均",
  "卵2個",
  "2人分",
  "一緒に",
  "千切り",
  "half an hour",
  "an hour and a half",
  "半日",
);
const noise = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.string({ unit: "binary-ascii", maxLength: 4 }),
);
const quantity = fc.tuple(bound, numeral, unit, bound).map((parts) => parts.join(""));
const query = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.oneof(quantity, quantity, filler, noise, numeral), { minLength: 1, maxLength: 10 })
      .map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

/** Offline extraction plus the reducer, exactly as the graph runs them. */
function extractAndMerge(q: string) {
  const candidates = FILTER_TYPES.flatMap((type) => type.extractOffline(q, FILTER_TYPES));
  return { candidates, ...mergeFilters(candidates, BUILT_IN_REGISTRY, q) };
}

describe("offline extractor + reducer, property-based", () => {
  it("10,000 generated queries: never throws; every filter valid and grounded", () => {
    fc.assert(
      fc.property(query, (q) => {
        const { filters } = extractAndMerge(q);
        assert.deepEqual(filterProblems(filters, q), []);
      }),
      { numRuns: 10_000 },
    );
  });

  // Extraction and grounding share one number pattern (src/language/numerals.ts, NUMBER), which
  // never starts inside another number: a proposal the reducer calls ungrounded is a bug.
  it("the offline extractor only proposes values the query states (its drops are range drops, never ungrounded)", () => {
    fc.assert(
      fc.property(query, (q) => {
        const { warnings } = extractAndMerge(q);
        assert.deepEqual(
          warnings.filter((w) => /ungrounded/.test(w.message)),
          [],
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it("that check is live: the reducer calls a value the query does not state ungrounded; dotted runs give none", () => {
    const numeric = FILTER_TYPES.find((t) => t.range);
    assert.ok(numeric?.range);
    const stray = { column: numeric.column, operator: numeric.operators[0], value: numeric.range.min + 1 };
    assert.match(mergeFilters([stray], BUILT_IN_REGISTRY, "簡単な副菜").warnings[0]?.message ?? "", /ungrounded/);
    for (const q of ["1.2.3円", "0.10.1分", "1.5.5時間以内", "¥1.2.3", "10.5.3kcal以下", "2.5.1人分"])
      assert.deepEqual(
        extractAndMerge(q).warnings.filter((w) => /ungrounded/.test(w.message)),
        [],
        q,
      );
  });

  it("300 of them through the whole graph: same guarantees, no error records", async () => {
    const extractor = createExtractor();
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        // An empty, blank (spaces, control or zero-width characters only) or over-long query is refused (exit 2).
        if (unusable(q)) return;
        const result = await extractor.extract(q, { context: { extractor: "rules" } });
        assert.deepEqual(result.errors, []);
        assert.deepEqual(filterProblems(result.filters, q), []);
      }),
      { numRuns: 300 },
    );
  });
});
