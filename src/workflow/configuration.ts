import { z } from "zod";

/**
 * The graph's context schema: run settings that Studio shows as a form and that the CLI
 * fills from the environment. The API key is deliberately NOT here: context is visible in
 * Studio and may be traced, so the key is read from OPENAI_API_KEY only (see model.ts).
 */
export const RecipeFiltersContext = z.object({
  extractor: z
    .enum(["auto", "llm", "rules"])
    .default("auto")
    .describe(
      "llm: ask the chat model; rules: the offline extractor; auto: llm when OPENAI_API_KEY or a base URL is set, else rules.",
    ),
  model: z.string().default("gpt-4o-mini").describe("Chat model name sent to the OpenAI-compatible server."),
  baseUrl: z
    .string()
    .default("")
    .describe("OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama. Empty means api.openai.com."),
  temperature: z
    .number()
    .min(0)
    .max(2)
    .default(0)
    .describe(
      "Sampling temperature; 0 (no sampling) suits extraction. Reasoning models (o1, o3, o4-mini, gpt-5) accept none and never get one.",
    ),
});

export type RecipeFiltersSettings = z.infer<typeof RecipeFiltersContext>;

/** Which extractor actually runs for these settings. */
export function chooseExtractor(
  settings: RecipeFiltersSettings,
  env: NodeJS.ProcessEnv = process.env,
): "llm" | "rules" {
  if (settings.extractor !== "auto") return settings.extractor;
  return env.OPENAI_API_KEY || settings.baseUrl ? "llm" : "rules";
}

/**
 * Settings for one run: what the caller passed as context, the environment for the
 * rest, then the schema's defaults.
 */
export function resolveSettings(
  context: Partial<RecipeFiltersSettings> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): RecipeFiltersSettings {
  const fromEnv = {
    extractor: env.RECIPE_FILTERS_EXTRACTOR || undefined,
    model: env.RECIPE_FILTERS_MODEL || undefined,
    baseUrl: env.OPENAI_BASE_URL || undefined,
    temperature: env.RECIPE_FILTERS_TEMPERATURE?.trim() ? Number(env.RECIPE_FILTERS_TEMPERATURE) : undefined,
  };
  const defined = Object.fromEntries(Object.entries(context ?? {}).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = RecipeFiltersContext.safeParse({ ...fromEnv, ...defined });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SettingsError(`invalid setting ${issue.path.join(".")}: ${issue.message}`);
}

/** A setting (context or environment variable) that cannot be used. */
export class SettingsError extends Error {
  override name = "SettingsError";
}
