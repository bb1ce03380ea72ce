// Every filter the offline extractor returns knows the words of the query it was read from
// (filter-semantics.md; issue 21 §1): the span is exact, and those words alone state the value.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../eval/dataset.js";
import { filterKey } from "../eval/score.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { MappedText } from "../src/language/mapped-text.js";
import { normalizeMapped } from "../src/language/numerals.js";

const DATASETS = ["../eval/dataset.jsonl", "../eval/probe-v3.jsonl"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

describe("evidence on every offline filter", () => {
  for (const file of DATASETS)
    it(`${file.split("/").at(-1)}: every filter has a span whose words alone state its value`, async () => {
      const extractor = createExtractor();
      let checked = 0;
      for (const { query } of await loadDataset(file)) {
        const { filters } = await extractor.extract(query, { context: { extractor: "rules" } });
        for (const f of filters) {
          const where = `${query}: ${filterKey(f)}`;
          assert.ok(f.evidence, `${where} has no evidence`);
          const { start, end, text } = f.evidence;
          assert.ok(0 <= start && start < end && end <= query.length, `${where}: [${start}, ${end})`);
          assert.equal(query.slice(start, end), text, where);
          assert.equal(text, text.trim(), `${where}: evidence ${JSON.stringify(text)} has edge spaces`);
          const type = BUILT_IN_REGISTRY.byColumn(f.column);
          assert.ok(type);
          const stated = type.groundingValues(text, BUILT_IN_REGISTRY.types);
          assert.ok(
            [f.value].flat().every((v) => stated.includes(v)),
            `${where}: evidence ${JSON.stringify(text)} states [${stated}]`,
          );
          checked++;
        }
      }
      assert.ok(checked > 100, `${checked} filters checked`);
    });

  it("spans the bound word and the words a rule reads", async () => {
    const extractor = createExtractor();
    const cases: [string, string[]][] = [
      ["10分以内に500円未満で作れる副菜教えて", ["10分以内", "500円未満", "副菜"]],
      ["１時間以上かけて煮込む", ["１時間以上"]],
      ["ワンコインで作れる丼", ["ワンコイン", "丼"]],
      ["1人分100円の副菜", ["副菜", "1人分100円"]],
      ["within 30 minutes, serves four", ["within 30 minutes", "serves four"]],
      ["20〜30分で作れる主菜", ["20〜30分", "20〜30分", "主菜"]],
      ["主菜か副菜で千円以下", ["千円以下", "主菜か副菜"]],
      ["300 or fewer calories", ["300 or fewer calories"]],
      ["ｶﾞｯﾂﾘ系 ５００ｋｃａｌ以上", ["５００ｋｃａｌ以上"]],
    ];
    for (const [query, texts] of cases) {
      const { filters } = await extractor.extract(query, { context: { extractor: "rules" } });
      assert.deepEqual(
        filters.map((f) => f.evidence?.text),
        texts,
        query,
      );
    }
  });
});

describe("mapped text", () => {
  it("maps a replaced run back to the words it came from, and kept characters to themselves", () => {
    const text = MappedText.of("約1時間半で")
      .replace(/1時間半/g, "90分")
      .replace(/約/g, "");
    assert.equal(text.text, "90分で");
    assert.deepEqual(text.span(0, 3), { start: 1, end: 5 });
    assert.deepEqual(text.span(3, 4), { start: 5, end: 6 });
  });

  it("expands $1 and $& like String.prototype.replace, and keeps the number's own origin", () => {
    const text = MappedText.of("x 25 minutes").replace(/(\d+) minutes/g, "$1分");
    assert.equal(text.text, "x 25分");
    assert.deepEqual(text.span(2, 4), { start: 2, end: 4 });
    assert.equal(MappedText.of("ab").replace(/b/g, "[$&]").text, "a[b]");
  });

  it("normalization keeps every character's origin: full width, half-width kana, kanji numerals", () => {
    const query = "ﾊﾟｽﾀ 二十五分 ¥1,000";
    const text = normalizeMapped(query);
    assert.equal(text.text, "パスタ 25分 ¥1000");
    const at = text.text.indexOf("25分");
    const span = text.span(at, at + 3);
    assert.equal(query.slice(span?.start, span?.end), "二十五分");
    const yen = text.text.indexOf("1000");
    const money = text.span(yen, yen + 4);
    assert.equal(query.slice(money?.start, money?.end), "1,000");
  });
});
