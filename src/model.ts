import { ChatOpenAI } from "@langchain/openai";
import type { RecipeFiltersSettings } from "./graph/configuration.js";

/**
 * The chat model for the given settings: OpenAI, or any OpenAI-compatible server
 * (vLLM, Ollama, LM Studio) through its base URL. Retries are left to the graph's
 * per-node retry policy, so the client itself never retries (maxRetries: 0).
 */
export function createChatModel(settings: RecipeFiltersSettings, options: { timeoutMs?: number } = {}, env: NodeJS.ProcessEnv = process.env): ChatOpenAI {
  return new ChatOpenAI({
    model: settings.model,
    temperature: 0,
    maxRetries: 0,
    timeout: options.timeoutMs,
    // Local OpenAI-compatible servers accept any key, but the client insists on one.
    apiKey: env.OPENAI_API_KEY || (settings.baseUrl ? "not-needed" : undefined),
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : undefined,
  });
}
