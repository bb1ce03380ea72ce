// Every branch's static prefix (its system prompt and answer schema) is the same bytes for every
// query, the query comes last, and it is long enough for OpenAI's prompt cache (1,024 tokens);
// the rules all numeric types share are one text, first in each of their prompts.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { it } from "node:test";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { z } from "zod";
import { FILTER_TYPES } from "../src/filters/index.js";
import { BOUND_RULES, MEASURE_RULES } from "../src/filters/prompts.js";

const encoding = new Tiktoken(o200kBase);
const tokens = (text: string) => encoding.encode(text).length;
const numeric = FILTER_TYPES.filter((t) => !t.values);

it("each branch's system prompt and schema reach the 1,024-token prompt-cache threshold", () => {
  for (const type of FILTER_TYPES) {
    const prefix = tokens(type.prompt) + tokens(JSON.stringify(z.toJSONSchema(type.answerSchema)));
    assert.ok(prefix >= 1024, `${type.name}: ${prefix} tokens`);
  }
});

it("the prompt names no query: it is the same bytes whatever is asked (the query is the user message)", () => {
  for (const type of FILTER_TYPES) assert.doesNotMatch(type.prompt, /\{query\}|\$\{/, type.name);
});

it("the rules every numeric type shares are written once and open each numeric prompt, byte for byte", () => {
  const shared = (prompt: string) => prompt.slice(0, prompt.indexOf("THIS COLUMN"));
  const first = shared(numeric[0].prompt);
  assert.ok(first.includes(MEASURE_RULES) && first.includes(BOUND_RULES));
  for (const type of numeric) {
    assert.equal(shared(type.prompt), first, type.name);
    // written once: each shared rule appears once in the prompt
    assert.equal(type.prompt.split(MEASURE_RULES).length, 2, type.name);
  }
});
