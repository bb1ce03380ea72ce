import { z } from "zod";
import { type ModelSettings, OPENAI_BASE_URL } from "../model/model-run.js";
import { redactUrlCredentials } from "../secrets/redact.js";

export { type ModelSettings, OPENAI_BASE_URL };

export const EXTRACTOR_CHOICES = ["auto", "llm", "rules"] as const;
export type ExtractorChoice = (typeof EXTRACTOR_CHOICES)[number];
export const DEFAULT_MODEL = "gpt-4o-mini";

/**
 * What the operator configures, read once at the edge (the CLI, the Studio graph entry, a
 * library caller's own code) and handed down; nothing below the edge reads the environment.
 * The API key goes only to `baseUrl` and `allowedBaseUrls`.
 */
export interface OperatorSettings {
  /** The chat model's API key; never in context, state, output or a trace. */
  apiKey?: string;
  /** The default OpenAI-compatible endpoint; absent or empty means api.openai.com. */
  baseUrl?: string;
  /** Further endpoints a run may choose through its context (`baseUrl`). */
  allowedBaseUrls?: readonly string[];
  /** The model a run gets when its context names none. */
  model?: string;
  /** The extractor a run gets when its context names none. */
  extractor?: ExtractorChoice;
  /** The sampling temperature a run gets when its context names none (default 0). */
  temperature?: number;
}

/** One endpoint the operator allows: the real URL (credentials and all) and how it is shown. */
export interface Endpoint {
  url: string;
  /** The URL with any user:password@ or key-like query value replaced; what context, state and traces carry. */
  label: string;
}

/** What one run uses, decided once per run by the graph's first node from its context and the operator's settings. */
export interface RunSettings {
  extractor: "llm" | "rules";
  /** The chat model's name; null for the offline extractor. */
  model: string | null;
  /** The chosen endpoint's label; null for the offline extractor. */
  endpoint: string | null;
  /** The sampling temperature; null for the offline extractor (reasoning models never get one, see model-family.ts). */
  temperature: number | null;
}

/** A setting (context, flag or environment variable) that cannot be used. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

/*
 * Operator settings are read once and not changed afterwards, so what is derived from them
 * (endpoints, the context schema) is derived once per settings object: deriving it per query
 * cost the offline extractor more than half its throughput.
 */
const endpointsOf = new WeakMap<OperatorSettings, Endpoint[]>();
const schemaOf = new WeakMap<OperatorSettings, ReturnType<typeof buildContextSchema>>();

function derived<T>(
  cache: WeakMap<OperatorSettings, T>,
  operator: OperatorSettings,
  make: (o: OperatorSettings) => T,
): T {
  const known = cache.get(operator);
  if (known) return known;
  const value = make(operator);
  cache.set(operator, value);
  return value;
}

/** The endpoints the operator allows, the default first; a malformed URL is a SettingsError. */
export function allowedEndpoints(operator: OperatorSettings): Endpoint[] {
  return derived(endpointsOf, operator, parseEndpoints);
}

function parseEndpoints(operator: OperatorSettings): Endpoint[] {
  const urls = [operator.baseUrl || OPENAI_BASE_URL, ...(operator.allowedBaseUrls ?? [])];
  const endpoints: Endpoint[] = [];
  for (const raw of urls) {
    const url = withoutTrailingSlash(raw.trim());
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      throw new SettingsError(`invalid endpoint ${JSON.stringify(redactUrlCredentials(url))}: expected an http(s) URL`);
    if (!endpoints.some((e) => e.url === url)) endpoints.push({ url, label: redactUrlCredentials(url) });
  }
  return endpoints;
}

/**
 * The graph's context schema: what a run may choose (Studio shows it as a form; the LangGraph
 * API and library callers pass it as `context`). The defaults are the operator's, so the form
 * shows what a run gets when nothing is changed. `baseUrl` is a plain string here, checked by
 * the graph's first node with one clear message, because a zod enum would refuse with a
 * JSON dump of issues; the allowed values are listed in its description and `examples`.
 */
export function contextSchema(operator: OperatorSettings = {}) {
  return derived(schemaOf, operator, buildContextSchema);
}

function buildContextSchema(operator: OperatorSettings) {
  const endpoints = allowedEndpoints(operator);
  const labels = endpoints.map((e) => e.label);
  return z.object({
    extractor: z
      .enum(EXTRACTOR_CHOICES)
      .default(operator.extractor ?? "auto")
      .describe(
        "llm: ask the chat model; rules: the offline extractor; auto: llm when the server has an API key or an OpenAI-compatible server configured, else rules.",
      ),
    model: z
      .string()
      .default(operator.model || DEFAULT_MODEL)
      .describe("Chat model name sent to the OpenAI-compatible server."),
    temperature: z
      .number()
      .min(0)
      .max(2)
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

/** Whether `auto` means the chat model: a key or an OpenAI-compatible server is configured. */
const autoMeansModel = (operator: OperatorSettings) => !!operator.apiKey || !!operator.baseUrl;

/**
 * The run's settings from its context and the operator's settings: the one place a run's
 * extractor, model and endpoint are decided. A context `baseUrl` the operator did not allow
 * is refused here, before any request.
 */
export function resolveRun(
  context: Partial<RecipeFiltersContext> | undefined,
  operator: OperatorSettings,
): RunSettings {
  const given = Object.fromEntries(Object.entries(context ?? {}).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = contextSchema(operator).safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(`invalid setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const { extractor, model, baseUrl, temperature } = parsed.data;
  const chosen = extractor === "auto" ? (autoMeansModel(operator) ? "llm" : "rules") : extractor;
  if (chosen === "rules") return { extractor: "rules", model: null, endpoint: null, temperature: null };
  return { extractor: "llm", model, endpoint: findEndpoint(baseUrl, operator).label, temperature };
}

/** The allowed endpoint a context names (by URL or by its label), or a SettingsError saying which are allowed. */
export function findEndpoint(baseUrl: string, operator: OperatorSettings): Endpoint {
  const endpoints = allowedEndpoints(operator);
  const wanted = withoutTrailingSlash(baseUrl.trim());
  const found = endpoints.find((e) => e.url === wanted || e.label === wanted);
  if (found) return found;
  throw new SettingsError(
    `the endpoint ${JSON.stringify(redactUrlCredentials(wanted))} is not one this server allows (${endpoints.map((e) => e.label).join(", ")}); the operator can add it to RECIPE_FILTERS_ALLOWED_BASE_URLS`,
  );
}
