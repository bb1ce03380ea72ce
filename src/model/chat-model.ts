import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import { clientEndpoint } from "../secrets/endpoint-credentials.js";
import type { ModelSettings } from "../settings/run.js";
import { modelFamily } from "./model-family.js";

/**
 * The chat model for the given settings: OpenAI, or any OpenAI-compatible server (vLLM,
 * Ollama, llama.cpp, LM Studio) through its base URL. Sends only what the model's family
 * accepts (model-family.ts): no temperature for reasoning models, and a token limit on every
 * answer. Retries are left to the graph's per-node retry policy, so the client itself never
 * retries (maxRetries: 0).
 */
export function createChatModel(settings: ModelSettings, options: { timeoutMs?: number } = {}): ChatOpenAI {
  const family = modelFamily(settings.model);
  const fields: ChatOpenAIFields = {
    model: settings.model,
    temperature: family.acceptsTemperature ? settings.temperature : undefined,
    // Sent as max_tokens, or as max_completion_tokens to reasoning models (the client decides by name).
    maxTokens: family.maxAnswerTokens,
    maxRetries: 0,
    // The graph's per-node timeout aborts the request through the node's signal; this is the
    // same bound for the HTTP client itself, in case the model is ever called outside a node.
    timeout: options.timeoutMs,
    // Local OpenAI-compatible servers accept any key, but the client insists on one. Both are
    // always given, so the client never falls back to OPENAI_API_KEY / OPENAI_BASE_URL itself.
    apiKey: settings.apiKey || "not-needed",
    // Credentials inside the URL travel in a fetch wrapper, never in the serialized configuration.
    configuration: clientEndpoint(settings.baseUrl),
    // The Chat Completions converters of @langchain/openai 1.5 drop the `refusal` a model
    // sets when it declines to answer in the schema; the raw response keeps it
    // (additional_kwargs.__raw_response), and model-answer.ts reads it from there.
    __includeRawResponse: true,
  };
  return new ChatOpenAI(fields);
}
