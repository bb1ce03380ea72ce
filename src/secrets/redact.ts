/**
 * API keys must never reach a message, a log line or a trace. Upstream errors sometimes echo
 * the key they were sent ("Incorrect API key provided: sk-…"), so every text that leaves the
 * process passes through here: the configured keys are cut out by value, and anything shaped
 * like an OpenAI or LangSmith key by pattern.
 */

const KEY_VARIABLES = ["OPENAI_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"] as const;
const KEY_SHAPED = /\b(?:sk|lsv2|ls)[-_][A-Za-z0-9_*-]{8,}/g;
export const REDACTED = "[redacted]";

/** The key values configured in this environment (short values are ignored: they would redact ordinary words). */
export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return KEY_VARIABLES.map((name) => env[name]).filter((value): value is string => !!value && value.length >= 4);
}

export function redactSecrets(text: string, secrets: readonly string[] = secretsFromEnv()): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out.replace(KEY_SHAPED, REDACTED);
}
