/**
 * What each model family accepts, decided by the model name alone (the same way
 * @langchain/openai decides, so the two never disagree):
 *
 * - reasoning models (o1, o3, o4-mini …, gpt-5 except gpt-5-chat) reject any temperature but
 *   the default, and count hidden reasoning against the token limit (sent as
 *   max_completion_tokens), so they get no temperature and a larger limit;
 * - gpt-3.5 and the original gpt-4 / gpt-4-* models have no json_schema response format, so
 *   they answer through one forced tool call;
 * - every other name — gpt-4o, gpt-4.1, and what local servers call their models (llama.cpp,
 *   Ollama, vLLM: "qwen2.5:7b", "llama3.1" …) — gets a strict json_schema response format.
 *
 * A provider prefix ("openai/o3-mini", as routers and proxies name models) is ignored.
 */
export type StructuredOutputMethod = "json_schema" | "tool_call";

export interface ModelFamily {
  /** o-series and gpt-5 reasoning models. */
  reasoning: boolean;
  method: StructuredOutputMethod;
  /** The model accepts a `temperature` other than its default. */
  acceptsTemperature: boolean;
  /** The token limit on one answer (max_tokens, or max_completion_tokens for reasoning models). */
  maxAnswerTokens: number;
}

/**
 * One branch's answer is a few conditions, under 100 tokens. The limit bounds what a broken
 * model may send (a local model under a JSON grammar can pad an answer with thousands of
 * newlines): an answer cut off at the limit is not JSON, so it fails as `parse`.
 */
export const MAX_ANSWER_TOKENS = 512;
/** Reasoning tokens count against the same limit; a reasoning model needs room to think first. */
export const MAX_REASONING_ANSWER_TOKENS = 8192;

const bareName = (model: string) => model.trim().toLowerCase().replace(/^.*\//, "");

export function modelFamily(model: string): ModelFamily {
  const name = bareName(model);
  const reasoning = /^o\d/.test(name) || (name.startsWith("gpt-5") && !name.startsWith("gpt-5-chat"));
  const toolCall = name.startsWith("gpt-3") || name === "gpt-4" || name.startsWith("gpt-4-");
  return {
    reasoning,
    method: toolCall ? "tool_call" : "json_schema",
    acceptsTemperature: !reasoning,
    maxAnswerTokens: reasoning ? MAX_REASONING_ANSWER_TOKENS : MAX_ANSWER_TOKENS,
  };
}
