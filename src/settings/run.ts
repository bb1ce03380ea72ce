import { z } from "zod";
import type { ModelSettings } from "../model/model-run.js";
import { redactUrlCredentials, secretsInUrls } from "../secrets/redact.js";
import {
  allowedEndpoints,
  DEFAULT_MODEL,
  type Endpoint,
  EXTRACTOR_CHOICES,
  type OperatorSettings,
  SettingsError,
  withoutTrailingSlash,
} from "./operator.js";
import { everyFieldPassingOn } from "./passing-on.js";

/** What one run uses, decided once per run at its edge; what the graph's state and the output carry. */
export interface RunSettings {
  extractor: "llm" | "rules";
  /** The chat model's name; null for the offline extractor. */
  model: string | null;
  /** The chosen endpoint's label; null for the offline extractor. */
  endpoint: string | null;
  /** The sampling temperature; null for the offline extractor (reasoning models never get one, see model-family.ts). */
  temperature: number | null;
}

export type { ModelSettings };

/** The longest model name accepted: real ones are under 100 characters. */
export const MAX_MODEL_NAME = 128;
/** Letters, digits and the punctuation real model names use (gpt-4o-mini, Qwen/Qwen2.5-7B, llama3.1:8b, ft:…@org). */
const MODEL_NAME = /^[\w.:/@+-]+$/;

const modelName = z
  .string()
  .min(1, "a model name is needed")
  .max(MAX_MODEL_NAME, `a model name is at most ${MAX_MODEL_NAME} characters`)
  .regex(MODEL_NAME, "a model name holds only letters, digits and . _ : / @ + -");

function buildContextSchema(operator: OperatorSettings, labels: string[]) {
  return z.object({
    extractor: z
      .enum(EXTRACTOR_CHOICES)
      .default(operator.extractor ?? "auto")
      .describe(
        "llm: ask the chat model; rules: the offline extractor; auto: llm when the server has an API key or an OpenAI-compatible server configured, else rules.",
      ),
    model: modelName
      .default(operator.model || DEFAULT_MODEL)
      .describe("Chat model name sent to the OpenAI-compatible server."),
    temperature: z
      .number()
      .min(0, "expected a number from 0 to 2")
      .max(2, "expected a number from 0 to 2")
      .default(operator.temperature ?? 0)
      .describe(
        "Sampling temperature; 0 (no sampling) suits extraction. Reasoning models (o1, o3, o4-mini, gpt-5) accept none and never get one.",
      ),
    baseUrl: z
      .string()
      .default(labels[0])
      .meta({
        description: `The OpenAI-compatible server to ask: one the operator allows (${labels.join(", ")}). Another is refused before any request.`,
        examples: labels,
      }),
  });
}

/** What a run may pass as context (every field optional). */
export type RecipeFiltersContext = z.input<ReturnType<typeof buildContextSchema>>;
/** The context with the defaults applied. */
export type RunContext = z.output<ReturnType<typeof buildContextSchema>>;

/**
 * The operator's settings, checked once and ready to decide runs: the edge builds it (the CLI,
 * `createExtractor`, the Studio graph) and hands it to the graph it builds.
 */
export interface RunDecider {
  readonly operator: OperatorSettings;
  readonly endpoints: readonly Endpoint[];
  /** The key and the credentials inside the endpoint URLs: what a redactor for this operator cuts out. */
  readonly secrets: readonly string[];
  /**
   * The graph's context schema: what a run may choose (Studio shows it as a form; the LangGraph
   * API and library callers pass it as `context`). Its defaults are the operator's, so the
   * form shows what a run gets when nothing is changed. It refuses nothing itself: LangGraph
   * would refuse a bad value with a JSON dump of zod issues before any node runs, so each
   * field passes what it is given on, and `decide` refuses it in one line.
   */
  readonly contextSchema: ReturnType<typeof buildContextSchema>;
  /**
   * The run's settings from its context: the one place a run's extractor, model and endpoint
   * are decided. A bad setting, or an endpoint the operator did not allow, is a SettingsError
   * of one line, before any request.
   */
  decide(context: Partial<RecipeFiltersContext> | undefined): RunSettings;
  /** What the chat model of a decided `llm` run is built from: its endpoint's real URL and the key. */
  modelSettings(run: RunSettings): ModelSettings;
}

/** The operator's settings as a RunDecider; a malformed endpoint or default model is a SettingsError. */
export function createRunDecider(operator: OperatorSettings): RunDecider {
  const endpoints = allowedEndpoints(operator);
  if (operator.model) checkSetting("model", modelName, operator.model);
  const strict = buildContextSchema(
    operator,
    endpoints.map((e) => e.label),
  );
  // `auto` means the chat model when a key or an OpenAI-compatible server is configured.
  const autoMeansModel = !!operator.apiKey || !!operator.baseUrl;
  const findEndpoint = (baseUrl: string): Endpoint => {
    const wanted = withoutTrailingSlash(baseUrl.trim());
    const found = endpoints.find((e) => e.url === wanted || e.label === wanted);
    if (found) return found;
    throw new SettingsError(
      `the endpoint ${JSON.stringify(redactUrlCredentials(wanted))} is not one this server allows (${endpoints.map((e) => e.label).join(", ")}); the operator can add it to RECIPE_FILTERS_ALLOWED_BASE_URLS`,
    );
  };
  return {
    operator,
    endpoints,
    secrets: [operator.apiKey ?? "", ...endpoints.flatMap((e) => secretsInUrls(e.url))].filter(Boolean),
    contextSchema: everyFieldPassingOn(strict),
    decide(context) {
      const given = Object.fromEntries(Object.entries(context ?? {}).filter(([, v]) => v !== undefined && v !== ""));
      const { extractor, model, baseUrl, temperature } = checkSetting(null, strict, given);
      const chosen = extractor === "auto" ? (autoMeansModel ? "llm" : "rules") : extractor;
      if (chosen === "rules") return { extractor: "rules", model: null, endpoint: null, temperature: null };
      return { extractor: "llm", model, endpoint: findEndpoint(baseUrl).label, temperature };
    },
    modelSettings(run) {
      // A decided run names an endpoint by the label `decide` gave it: a lookup, not a decision.
      const endpoint = endpoints.find((e) => e.label === run.endpoint);
      if (!endpoint) throw new SettingsError(`the run names no endpoint this server allows (${run.endpoint})`);
      return {
        model: run.model ?? "",
        baseUrl: endpoint.url,
        apiKey: operator.apiKey,
        temperature: run.temperature ?? 0,
      };
    },
  };
}

/** The value parsed by `schema`, or a SettingsError naming the setting and the first problem in one line. */
function checkSetting<T extends z.ZodType>(name: string | null, schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [name, ...issue.path.map(String)].filter(Boolean).join(".");
  throw new SettingsError(`invalid setting ${path || "context"}: ${oneLine(issue)}`);
}

/** A zod issue as words, without the JSON of the value it refused. */
function oneLine(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `expected a ${issue.expected}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => String(v)).join(", ")}`;
  return issue.message;
}
