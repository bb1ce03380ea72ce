// A numeric type's reading learns from the registry it is handed, never from a list in
// src/language/: a 「1人分」 label is dropped only beside an amount some column of that registry
// reads per person, and a spelled-out number is a number before any of its units. Each type
// below lives only in this file (as a new type lives only in its own).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import type { FilterType } from "../src/filters/filter-type.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { createRegistry } from "../src/filters/registry.js";
import { servings } from "../src/filters/servings.js";
import { protein } from "./support/toy-numeric-type.js";

/** Eggs per serving: a unit (個) no built-in type has, read per person. */
const eggsPerServing = defineNumericFilterType({
  name: "eggs_per_serving",
  column: "eggs_per_serving",
  unit: "eggs",
  description: "Eggs per serving (test only).",
  operators: [">=", "<="],
  range: { min: 0, max: 10 },
  unitWords: { canonical: "個", words: ["個"], names: ["卵", "たまご"] },
  dimension: "count",
  reads: "perServing",
  prompt: { meaning: "eggs per serving", unitRules: "Only a count of eggs (卵2個) is this column." },
});

const read = async (registry: readonly FilterType<any>[], query: string) =>
  (
    await createExtractor({ registry: createRegistry(registry) }).extract(query, { context: { extractor: "rules" } })
  ).filters.map((f) => `${f.column} ${f.operator} ${f.value}`);

describe("a 1人分 label is built from the registry handed in", () => {
  it("beside an amount a column of the registry reads per person, 1人分 is its label, not a count", async () => {
    assert.deepEqual(await read([...FILTER_TYPES, eggsPerServing], "1人分 卵2個まで"), ["eggs_per_serving <= 2"]);
    assert.deepEqual(await read([...FILTER_TYPES, protein], "1人分 タンパク質20g以上"), ["protein_g >= 20"]);
  });

  it("with no such column in the registry, the same words are a request for one serving", async () => {
    assert.deepEqual(await read(FILTER_TYPES, "1人分 卵2個まで"), ["servings = 1"]);
    assert.deepEqual(await read(FILTER_TYPES, "1人分 豚肉200gで作る"), ["servings = 1"]);
  });

  it("a named quantity's label needs its name: grams of pork are not protein", async () => {
    assert.deepEqual(await read([...FILTER_TYPES, protein], "1人分 豚肉200gで作る"), ["servings = 1"]);
  });

  it("a type read alone knows no other column's amounts; handed the registry, it does", () => {
    const values = (registry: readonly FilterType<any>[]) =>
      servings.extractOffline("1人分 620kcal", registry).map((f) => f.value);
    assert.deepEqual(values([servings]), [1]);
    assert.deepEqual(values(FILTER_TYPES), []);
  });
});

describe("a new unit's words, from its own declaration", () => {
  it("a spelled-out number before its unit is a number", async () => {
    assert.deepEqual(await read([...FILTER_TYPES, protein], "at least twenty grams of protein"), ["protein_g >= 20"]);
  });

  it("a band of a named quantity is a range: タンパク質20g台", async () => {
    assert.deepEqual(await read([...FILTER_TYPES, protein], "タンパク質20g台の主菜"), [
      "dish_category = 主菜",
      "protein_g >= 20",
      "protein_g < 30",
    ]);
  });
});
