/**
 * Prompt tokens per query for the default model family (gpt-4o-mini: o200k_base), counted
 * with js-tiktoken on the requests the real client sends to the stand-in: per branch and in
 * total, and for a single-call design that asks for every filter type in one request
 * (measured for comparison, not used). OpenAI renders a response schema into the prompt in
 * an unpublished format, so the schema figure is the tokens of its JSON text: an estimate.
 */

import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { createExtractor } from "../src/extractor/extractor.js";
import type { FilterType } from "../src/filters/filter-type.js";
import { answerLikeTheExtractor, type ChatRequest, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { asRegistry } from "./build-api.js";

const encoding = new Tiktoken(o200kBase);
const count = (text: string) => encoding.encode(text).length;
/** OpenAI's published chat accounting: 3 tokens around each message, 3 to prime the reply. */
const MESSAGE_OVERHEAD = 3;
const REPLY_PRIMING = 3;

export interface RequestTokens {
  branch: string;
  system: number;
  user: number;
  /** The response schema (json_schema or tool definition) as sent, JSON text. */
  schema: number;
  total: number;
  /** The answer a perfect model gives (completion tokens). */
  answer: number;
}

export interface TokenReport {
  query: string;
  perBranch: RequestTokens[];
  total: RequestTokens;
  singleCall: RequestTokens;
}

/** The schema part of a request as sent: the json_schema object, or the first tool's function. */
function schemaOf(body: any): unknown {
  return body.response_format?.json_schema ?? body.tools?.[0]?.function ?? {};
}

function tokensOf(branch: string, system: string, user: string, schema: unknown, answer: unknown): RequestTokens {
  const [s, u, sc] = [count(system), count(user), count(JSON.stringify(schema))];
  return {
    branch,
    system: s,
    user: u,
    schema: sc,
    total: s + u + sc + 2 * MESSAGE_OVERHEAD + REPLY_PRIMING,
    answer: count(JSON.stringify(answer)),
  };
}

const sum = (rows: RequestTokens[], branch: string): RequestTokens => ({
  branch,
  system: rows.reduce((t, r) => t + r.system, 0),
  user: rows.reduce((t, r) => t + r.user, 0),
  schema: rows.reduce((t, r) => t + r.schema, 0),
  total: rows.reduce((t, r) => t + r.total, 0),
  answer: rows.reduce((t, r) => t + r.answer, 0),
});

/**
 * One request for every type: each type's prompt paragraphs, a paragraph shared by several
 * types (the bound-word rules, "never invent") stated once; one object schema with each
 * type's answer under its answer name.
 */
function singleCall(registry: readonly FilterType<any>[], requests: ChatRequest[], query: string): RequestTokens {
  const paragraphs = new Set<string>();
  for (const request of requests) for (const p of request.system.split("\n\n")) paragraphs.add(p.trim());
  const system = [
    "You extract search filters for several metadata columns from one recipe-search query. The rules for each column follow.",
    ...paragraphs,
  ].join("\n\n");
  const properties: Record<string, unknown> = {};
  for (const request of requests) {
    const schema = schemaOf(request.body) as { schema?: unknown; parameters?: unknown };
    properties[String(request.schemaName)] = schema.schema ?? schema.parameters;
  }
  const combined = {
    name: "recipe_filters",
    schema: { type: "object", properties, required: Object.keys(properties), additionalProperties: false },
    strict: true,
  };
  const answer = Object.fromEntries(
    registry.map((t) => [t.answerName, t.toAnswer(t.extractOffline(query, registry))] as const),
  );
  return tokensOf("single call", system, query, combined, answer);
}

export async function measureTokens(registry: readonly FilterType<any>[], query: string): Promise<TokenReport> {
  const server = await startOpenAIStandIn(answerLikeTheExtractor(registry));
  try {
    await createExtractor({ registry: asRegistry(registry) }).extract(query, {
      context: { extractor: "llm", baseUrl: server.url },
    });
    const requests = server.requests.map((r) => r.request);
    const perBranch = registry.map((type) => {
      const request = requests.find((r) => r.schemaName === type.answerName);
      // The answer gate answered this branch without the model: no tokens.
      if (!request)
        return { branch: `${type.name} (no model call)`, system: 0, user: 0, schema: 0, total: 0, answer: 0 };
      return tokensOf(
        type.name,
        request.system,
        request.user,
        schemaOf(request.body),
        type.toAnswer(type.extractOffline(query, registry)),
      );
    });
    return { query, perBranch, total: sum(perBranch, "total"), singleCall: singleCall(registry, requests, query) };
  } finally {
    await server.close();
  }
}
