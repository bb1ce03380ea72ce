import { z } from "zod";
import type { FilterType } from "../filters/filter-type.js";
import type { StructuredOutputMethod } from "./model-family.js";

/** A filter type's answer schema as JSON schema, with the name and description sent beside it. */
export interface AnswerFormat {
  name: string;
  description: string | undefined;
  schema: Record<string, unknown>;
}

/**
 * Keys that carry no meaning for the model and cost prompt tokens on every call: the
 * `$schema` dialect URL, and `title`. (zod 4 writes neither `title` nor `$schema` inside
 * properties, but a schema built elsewhere may.)
 */
const PADDING = new Set(["$schema", "title"]);

function withoutPadding(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPadding);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PADDING.has(key))
      .map(([key, inner]) => [key, key === "properties" ? mapValues(inner, withoutPadding) : withoutPadding(inner)]),
  );
}

/** A `properties` object's keys are field names, not keywords: a field called "title" stays. */
const mapValues = (object: unknown, fn: (value: unknown) => unknown) =>
  Object.fromEntries(Object.entries(object as Record<string, unknown>).map(([key, value]) => [key, fn(value)]));

const formats = new WeakMap<FilterType<any>, AnswerFormat>();

/**
 * The answer format of a filter type, converted once per type (not per call): zod's own
 * JSON schema output, which already has what OpenAI's strict mode needs (every property
 * required, `additionalProperties: false`), minus the padding keys.
 */
export function answerFormat(filterType: FilterType<any>): AnswerFormat {
  let format = formats.get(filterType);
  if (!format) {
    const { description, ...schema } = withoutPadding(z.toJSONSchema(filterType.answerSchema)) as Record<
      string,
      unknown
    >;
    // The root description is sent once, beside the schema (json_schema.description or the tool's description).
    format = {
      name: filterType.answerName,
      description: typeof description === "string" ? description : undefined,
      schema,
    };
    formats.set(filterType, format);
  }
  return format;
}

/**
 * How a tool call is forced. OpenAI and vLLM accept a named function; llama.cpp's server reads
 * `tool_choice` only as a string ("auto" | "none" | "required", anything else counts as "auto")
 * and Ollama ignores it. With exactly one tool, "required" means the same as naming it.
 */
export type ToolChoiceStyle = "named" | "required";

/** The ChatOpenAI call options that ask for this answer format, by method; built once per format and method. */
export function structuredOutputOptions(
  format: AnswerFormat,
  method: StructuredOutputMethod,
  toolChoice: ToolChoiceStyle,
) {
  if (method === "json_schema")
    return {
      response_format: {
        type: "json_schema" as const,
        json_schema: { name: format.name, description: format.description, schema: format.schema, strict: true },
      },
    };
  return {
    tools: [
      {
        type: "function" as const,
        function: { name: format.name, description: format.description ?? "", parameters: format.schema },
      },
    ],
    tool_choice:
      toolChoice === "named" ? { type: "function" as const, function: { name: format.name } } : ("required" as const),
  };
}
