import { ChatOpenAI, type ChatOpenAIFields } from "@langchain/openai";
import { clientEndpoint } from "../secrets/endpoint-credentials.js";
import type { ModelSettings } from "../workflow/configuration.js";
import { RefusalKeepingCompletions } from "./refusal.js";

/**
 * The chat model for the given settings: OpenAI, or any OpenAI-compatible server
 * (vLLM, Ollama, LM Studio) through its base URL. Retries are left to the graph's
 * per-node retry policy, so the client itself never retries (maxRetries: 0).
 */
export function createChatModel(settings: ModelSettings, options: { timeoutMs?: number } = {}): ChatOpenAI {
  const fields: ChatOpenAIFields = {
    model: settings.model,
    temperature: 0,
    maxRetries: 0,
    // The graph's per-node timeout aborts the request through the node's signal; this is the
    // same bound for the HTTP client itself, in case the model is ever called outside a node.
    timeout: options.timeoutMs,
    // Local OpenAI-compatible servers accept any key, but the client insists on one. Both are
    // always given, so the client never falls back to OPENAI_API_KEY / OPENAI_BASE_URL itself.
    apiKey: settings.apiKey || "not-needed",
    // Credentials inside the URL travel in a fetch wrapper, never in the serialized configuration.
    configuration: clientEndpoint(settings.baseUrl),
  };
  return new ChatOpenAI({ ...fields, completions: new RefusalKeepingCompletions(fields) });
}
