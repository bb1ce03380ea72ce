// What is sent as each filter type's answer schema passes the strictest common subset of
// the servers this project names: OpenAI's strict structured outputs (every property
// required, additionalProperties false, no unsupported keywords) and the grammar
// converters of llama.cpp (json-schema-to-grammar) and vLLM (xgrammar). No padding
// (`title`, `$schema`) is sent, and the conversion runs once per filter type.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerFormat, structuredOutputOptions } from "../src/model/answer-format.js";
import { manyFilterTypes } from "./support/many-filter-types.js";

/**
 * Keywords all three accept. Left out on purpose: numeric and length bounds (minimum,
 * maxItems …: not in OpenAI's strict subset for every model, and llama.cpp bounds integers
 * only), `format`, `pattern`, `oneOf`/`allOf`, `title`, `$schema`, `default`.
 */
const ALLOWED_KEYWORDS = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "description",
  "$defs",
  "$ref",
]);
const TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);

function strictProblems(schema: unknown, path = "(root)"): string[] {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return [`${path}: not a schema object`];
  const node = schema as Record<string, any>;
  const problems: string[] = [];
  for (const key of Object.keys(node)) if (!ALLOWED_KEYWORDS.has(key)) problems.push(`${path}: keyword "${key}"`);
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (!node.anyOf && !node.$ref && !node.enum && !node.const && !types.every((t: unknown) => TYPES.has(String(t))))
    problems.push(`${path}: type ${JSON.stringify(node.type)}`);
  if (types.includes("object")) {
    const keys = Object.keys(node.properties ?? {});
    if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties is not false`);
    if (JSON.stringify([...(node.required ?? [])].sort()) !== JSON.stringify([...keys].sort()))
      problems.push(`${path}: required is not every property`);
    for (const key of keys) problems.push(...strictProblems(node.properties[key], `${path}.${key}`));
  }
  if (types.includes("array")) problems.push(...strictProblems(node.items, `${path}[]`));
  if (node.enum && !(Array.isArray(node.enum) && node.enum.length > 0)) problems.push(`${path}: empty enum`);
  for (const [i, branch] of (node.anyOf ?? []).entries()) problems.push(...strictProblems(branch, `${path}|${i}`));
  for (const [name, def] of Object.entries(node.$defs ?? {})) problems.push(...strictProblems(def, `$defs.${name}`));
  return problems;
}

describe("answer formats", () => {
  for (const type of [...FILTER_TYPES, ...manyFilterTypes(1)]) {
    it(`${type.name}: strict-mode, llama.cpp and xgrammar compatible`, () => {
      const format = answerFormat(type);
      assert.equal((format.schema as { type?: unknown }).type, "object", "the root is an object");
      assert.deepEqual(strictProblems(format.schema), []);
      assert.match(format.name, /^[A-Za-z0-9_-]{1,64}$/, "OpenAI's rule for a schema or function name");
      assert.ok(format.description, "the schema's description is sent beside it");
      assert.doesNotMatch(JSON.stringify(format.schema), /"(title|\$schema)"/);
      // Each condition quotes its words first, a described string (issue 21 §1).
      const list = Object.values((format.schema as { properties: Record<string, any> }).properties)[0];
      assert.equal(Object.keys(list.items.properties)[0], "evidence");
      assert.equal(list.items.properties.evidence.type, "string");
      assert.match(list.items.properties.evidence.description, /words of the query/);
    });
  }

  it("converts each filter type once, not per call", () => {
    const [type] = FILTER_TYPES;
    assert.equal(answerFormat(type), answerFormat(type));
  });

  it("asks for the answer as a strict json_schema, a named tool, or a required tool", () => {
    const format = answerFormat(FILTER_TYPES[0]);
    const jsonSchema = structuredOutputOptions(format, "json_schema", "named");
    assert.deepEqual(jsonSchema.response_format?.json_schema, { ...format, strict: true });
    const named = structuredOutputOptions(format, "tool_call", "named");
    assert.deepEqual(named.tool_choice, { type: "function", function: { name: format.name } });
    assert.equal(named.tools?.[0].function.parameters, format.schema);
    assert.equal(structuredOutputOptions(format, "tool_call", "required").tool_choice, "required");
  });
});
