// The answer gate (issue 22): a branch asks the model only when its type says the query could
// state something for its column. It must never lose a filter: over the whole eval dataset,
// no branch the gate skips has a filter in the label.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { createExtractor } from "../src/extractor/extractor.js";
import { answerGate } from "../src/filters/answer-gate.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { defineNumericFilterType } from "../src/filters/numeric-filter-type.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";

const byName = (name: string) => {
  const type = FILTER_TYPES.find((t) => t.name === name);
  if (!type) throw new Error(`no filter type ${name}`);
  return type;
};

describe("over the whole eval dataset", () => {
  const cases = readFileSync(new URL("../eval/dataset.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { query: string; filters: { column: string }[] });

  it("no gated branch has a filter in the label", () => {
    const lost: string[] = [];
    for (const c of cases)
      for (const type of FILTER_TYPES) {
        const verdict = answerGate(type)(c.query);
        if (!verdict.ask && c.filters.some((f) => f.column === type.column))
          lost.push(`${type.column} ← ${c.query} (${verdict.why})`);
      }
    assert.deepEqual(lost, []);
  });

  it("gates a real share of the branch calls (so the test above proves something)", () => {
    const gated = cases.flatMap((c) => FILTER_TYPES.filter((t) => !answerGate(t)(c.query).ask)).length;
    assert.ok(gated / (cases.length * FILTER_TYPES.length) > 0.3, `${gated} gated`);
  });
});

describe("what each kind of type asks about", () => {
  it("a numeric type asks for any spelling of a number in its unit, an open number or a number word", () => {
    const time = byName("cooking_time");
    for (const query of [
      "10分以内",
      "十分で",
      "１０分",
      "an hour",
      "half an hour",
      "twenty minutes",
      "ごふんで作れる",
      "1時間半",
      "dinner under 20",
      "20以内の副菜",
    ])
      assert.equal(time.name && answerGate(time)(query).ask, true, query);
    const cost = byName("cooking_cost");
    assert.equal(answerGate(cost)("ワンコインで作れる丼").ask, true);
    assert.equal(answerGate(cost)("10分で作れる副菜").ask, false, "a time is no cost");
    for (const type of FILTER_TYPES.filter((t) => t.range)) {
      const verdict = answerGate(type)("鶏むね肉の副菜");
      assert.equal(verdict.ask, false, type.name);
      assert.match(verdict.why, /no open number/);
    }
  });

  it("a category type asks when a value is named or a word is left the rules cannot place", () => {
    const category = byName("dish_category");
    assert.equal(answerGate(category)("鶏むね肉の副菜").ask, true);
    assert.equal(answerGate(category)("ハンバーグ").ask, true, "an unknown word: the model decides");
    assert.equal(answerGate(category)("easy weeknight dinner").ask, true);
    assert.equal(answerGate(category)("10分以内で作れるレシピ教えて").ask, false);
    assert.equal(answerGate(category)("under 300 calories").ask, false);
  });

  it("a new type gets a gate from its declaration", () => {
    const grams = defineNumericFilterType({
      name: "weight",
      column: "weight_g",
      unit: "grams",
      description: "Weight of the dish in grams.",
      operators: ["<=", ">="],
      range: { min: 0, max: 5000 },
      unitWords: { canonical: "g", words: ["g", "グラム", "grams", "gram"], names: [] },
      dimension: "mass",
      reads: "perServing",
      examples: [{ query: "200g以下", filters: [{ column: "weight_g", operator: "<=", value: 200 }] }],
      prompt: { meaning: "weight in grams", unitRules: "Grams." },
    });
    assert.equal(answerGate(grams)("300gの副菜").ask, true);
    assert.equal(answerGate(grams)("500円の副菜").ask, false);
    assert.equal(answerGate(grams)("鶏むね肉の副菜").ask, false);
  });
});

describe("on the llm path", () => {
  let server: OpenAIStandIn;
  before(async () => (server = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES))));
  after(() => server.close());

  it("a gated branch answers no filter without a model call, and the trace says why", async () => {
    server.requests.length = 0;
    const runs = new RunCollectorCallbackHandler();
    const result = await createExtractor().extract("鶏むね肉の副菜", {
      context: { extractor: "llm", baseUrl: server.url },
      callbacks: [runs],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.filters, [
      { column: "dish_category", operator: "=", value: "副菜", evidence: { start: 5, end: 7, text: "副菜" } },
    ]);
    assert.deepEqual(
      server.requests.map((r) => r.request.schemaName),
      [byName("dish_category").answerName],
    );
    const all = runs.tracedRuns.flatMap(function flat(r): (typeof r)[] {
      return [r, ...(r.child_runs ?? []).flatMap(flat)];
    });
    const notes = all.filter((r) => r.name === "answer_gate");
    assert.equal(notes.length, FILTER_TYPES.length - 1);
    for (const note of notes) {
      assert.equal(note.outputs?.model_called, false);
      assert.match(String(note.outputs?.why), /no open number/);
    }
  });

  it("the rules path is not gated (it asks no model anyway)", async () => {
    // A callback handler makes the run traced, so it goes through the graph's branches.
    const result = await createExtractor().extract("10分以内の副菜", {
      context: { extractor: "rules" },
      callbacks: [new RunCollectorCallbackHandler()],
    });
    assert.equal(result.filters.length, 2);
  });
});
