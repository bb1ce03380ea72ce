/**
 * Imported first by every test file: the caller's own settings — an exported OPENAI_API_KEY,
 * LANGSMITH_TRACING, a RECIPE_FILTERS_* variable — are removed from this process before any
 * test runs, so an in-process test can neither reach a real model or LangSmith nor change
 * behaviour with the developer's shell. Tests pass what they need explicitly.
 */

/** Variables that would leak the developer's own set-up into a test. */
export const CALLERS_OWN_SETTINGS = /^(OPENAI_|RECIPE_FILTERS_|LANGSMITH_|LANGCHAIN_)/;

for (const name of Object.keys(process.env)) if (CALLERS_OWN_SETTINGS.test(name)) delete process.env[name];
