import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { ChatOpenAI } from "@langchain/openai";
import { LRUCache } from "lru-cache";
import type { FilterType } from "../filters/filter-type.js";
import type { Redactor } from "../secrets/redactor.js";
import { answerFormat, structuredOutputOptions, type ToolChoiceStyle } from "./answer-format.js";
import { createChatModel } from "./chat-model.js";
import { modelFamily } from "./model-family.js";
import { type ModelSettings, OPENAI_BASE_URL } from "./model-run.js";

/**
 * One model call per branch: the filter type's prompt and the query, with the answer format
 * (json_schema or one forced tool, by model family) as call options, straight to the chat
 * model — one traced run. The answer is read from the wire and checked by ask-model.ts, not
 * by a parser chain: withStructuredOutput(…, { includeRaw: true }) wraps the call in seven
 * more runnables, each a traced run that costs client CPU (see the benchmark).
 */
export interface FilterModelCall {
  invoke(query: string, config: RunnableConfig): Promise<BaseMessage>;
}

/**
 * One chat model per settings, shared by every filter type (one HTTP client and connection
 * pool); the API key is part of the identity and stays in memory only. A server's runs may
 * name many models (the LangGraph API takes the model from each run's context): only the most
 * recently used few keep theirs.
 */
const models = new LRUCache<string, ChatOpenAI>({ max: 16 });
/** Per filter type: the system message and the call options for each method, built once. */
const calls = new WeakMap<FilterType<any>, Map<string, { system: SystemMessage; options: object }>>();

function chatModel(settings: ModelSettings, timeoutMs: number | undefined, redactor: Redactor | undefined) {
  const key = JSON.stringify([
    settings.model,
    settings.baseUrl,
    settings.temperature,
    timeoutMs,
    settings.apiKey ?? "",
    redactor?.secrets ?? [],
  ]);
  let model = models.get(key);
  if (!model) {
    model = createChatModel(settings, { timeoutMs, redactor });
    models.set(key, model);
  }
  return model;
}

export function filterModelCall(
  filterType: FilterType<any>,
  settings: ModelSettings,
  options: { timeoutMs?: number; redactor?: Redactor } = {},
): FilterModelCall {
  const model = chatModel(settings, options.timeoutMs, options.redactor);
  const { method } = modelFamily(settings.model);
  // api.openai.com takes a named tool choice; other servers get "required" (answer-format.ts).
  const toolChoice: ToolChoiceStyle = settings.baseUrl === OPENAI_BASE_URL ? "named" : "required";
  const byType = calls.get(filterType) ?? new Map();
  calls.set(filterType, byType);
  let call = byType.get(`${method}/${toolChoice}`);
  if (!call) {
    call = {
      system: new SystemMessage(filterType.prompt),
      options: structuredOutputOptions(answerFormat(filterType), method, toolChoice),
    };
    byType.set(`${method}/${toolChoice}`, call);
  }
  const { system, options: callOptions } = call;
  return {
    invoke: (query, config) => model.invoke([system, new HumanMessage(query)], { ...config, ...callOptions }),
  };
}
