// Every filter type's declared examples are the contract its prompt shows the model: the
// offline grammar must yield exactly them, and they survive the answer schema both ways.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES, type FilterType } from "../src/filters/index.js";
import { groundByEvidence } from "../src/model/evidence-grounding.js";
import { withoutEvidence } from "./support/without-evidence.js";

const extractor = createExtractor();

for (const type of FILTER_TYPES as readonly FilterType<any>[]) {
  describe(`${type.name} examples`, () => {
    it("declares at least one example with a filter and one without", () => {
      assert.ok(type.examples.some((e) => e.filters.length > 0));
      assert.ok(type.examples.some((e) => e.filters.length === 0));
    });

    for (const example of type.examples) {
      it(example.query, async () => {
        const result = await extractor.extract(example.query, { context: { extractor: "rules" } });
        const read = result.filters.filter((f) => f.column === type.column);
        assert.deepEqual(withoutEvidence(read), example.filters);
        const answer = type.answerSchema.parse(type.toAnswer(read));
        const back = type.toFilters(answer);
        assert.deepEqual(
          back.map((q) => q.filter),
          example.filters,
          "toAnswer then toFilters gives the filters back",
        );
        const grounded = groundByEvidence(back, example.query, type);
        assert.deepEqual(grounded.dropped, [], "each quotes the words it was read from");
        assert.deepEqual(grounded.filters, read, "at the place the offline grammar read them");
        assert.ok(type.prompt.includes(example.query), "the prompt shows it");
        for (const q of back.flatMap((b) => b.quotes))
          assert.ok(type.prompt.includes(JSON.stringify(q)), `the prompt's example quotes ${q}`);
      });
    }
  });
}
