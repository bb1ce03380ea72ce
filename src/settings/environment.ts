/**
 * The environment variables of .env.example as settings. Only the edges call this (the CLI,
 * the Studio graph entry, the evaluation and benchmark runners), with `process.env`; every
 * module below them is handed the result.
 */
import { EXTRACTOR_CHOICES, type ExtractorChoice, type OperatorSettings, SettingsError } from "./operator.js";

/** The two reliability knobs of a branch: retries after a failed attempt, and the attempt timeout. */
export interface ReliabilitySettings {
  maxRetries?: number;
  timeoutMs?: number;
}

export interface EnvironmentSettings {
  operator: OperatorSettings;
  build: ReliabilitySettings;
}

/** Sane bounds for the two reliability knobs; outside them the setting is refused, not clamped. */
const BUILD_LIMITS = {
  RECIPE_FILTERS_MAX_RETRIES: { option: "maxRetries", min: 0, max: 10 },
  RECIPE_FILTERS_TIMEOUT_MS: { option: "timeoutMs", min: 1, max: 600_000 },
} as const;

/** The reliability knobs (documented in .env.example); a bad value is a SettingsError. */
export function buildOptionsFromEnv(env: NodeJS.ProcessEnv): ReliabilitySettings {
  const options: ReliabilitySettings = {};
  for (const [variable, { option, min, max }] of Object.entries(BUILD_LIMITS)) {
    const raw = env[variable]?.trim();
    if (!raw) continue;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= min && value <= max))
      throw new SettingsError(`invalid setting ${variable}: expected a whole number from ${min} to ${max}`);
    options[option] = value;
  }
  return options;
}

const isExtractorChoice = (value: string): value is ExtractorChoice =>
  (EXTRACTOR_CHOICES as readonly string[]).includes(value);

/** The operator's model settings: key, endpoints, default model, extractor and temperature. */
export function operatorSettingsFromEnv(env: NodeJS.ProcessEnv): OperatorSettings {
  const extractor = env.RECIPE_FILTERS_EXTRACTOR?.trim() || undefined;
  if (extractor !== undefined && !isExtractorChoice(extractor))
    throw new SettingsError(
      `invalid setting RECIPE_FILTERS_EXTRACTOR: expected one of ${EXTRACTOR_CHOICES.join(", ")}`,
    );
  const rawTemperature = env.RECIPE_FILTERS_TEMPERATURE?.trim();
  const temperature = rawTemperature ? Number(rawTemperature) : undefined;
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2))
    throw new SettingsError("invalid setting RECIPE_FILTERS_TEMPERATURE: expected a number from 0 to 2");
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: env.OPENAI_BASE_URL?.trim() || undefined,
    allowedBaseUrls: (env.RECIPE_FILTERS_ALLOWED_BASE_URLS ?? "").split(/[\s,]+/).filter(Boolean),
    model: env.RECIPE_FILTERS_MODEL?.trim() || undefined,
    extractor,
    temperature,
  };
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): EnvironmentSettings {
  return { operator: operatorSettingsFromEnv(env), build: buildOptionsFromEnv(env) };
}
