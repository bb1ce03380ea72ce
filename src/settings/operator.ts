import { OPENAI_BASE_URL } from "../model/model-run.js";
import { redactUrlCredentials } from "../secrets/redact.js";

export { OPENAI_BASE_URL };

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

/** A setting (context, flag or environment variable) that cannot be used. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

export const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, "");

/** The endpoints the operator allows, the default first; a malformed URL is a SettingsError. */
export function allowedEndpoints(operator: OperatorSettings): Endpoint[] {
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
