import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import { clientEndpoint } from "../secrets/endpoint-credentials.js";
import { createRedactor, type Redactor } from "../secrets/redactor.js";
import { answerFetch } from "./answer-fetch.js";
import { modelFamily } from "./model-family.js";
import type { ModelSettings } from "./model-run.js";

/**
 * The chat model for the given settings: OpenAI, or any OpenAI-compatible server (vLLM,
 * Ollama, llama.cpp, LM Studio) through its base URL. Sends only what the model's family
 * accepts (model-family.ts): no temperature for reasoning models, and a token limit on every
 * answer. Retries are left to the graph's per-node retry policy, so the client itself never
 * retries (maxRetries: 0). Every response passes answer-fetch.ts first: the key and the
 * endpoint's credentials (which this client sends, so it knows them) and `redactor`'s secrets
 * are scrubbed from it before the client reads a byte.
 */
export function createChatModel(
  settings: ModelSettings,
  options: { timeoutMs?: number; redactor?: Redactor } = {},
): ChatOpenAI {
  const family = modelFamily(settings.model);
  // Credentials inside the URL travel in a fetch wrapper, never in the serialized configuration.
  const endpoint = clientEndpoint(settings.baseUrl);
  const redactor = (options.redactor ?? createRedactor()).with([settings.apiKey, ...endpoint.secrets]);
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
    configuration: { baseURL: endpoint.baseURL, fetch: answerFetch({ send: endpoint.fetch, redactor }) },
  };
  return new ChatOpenAI(fields);
}
