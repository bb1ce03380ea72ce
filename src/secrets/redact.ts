/**
 * API keys must never reach a message, a log line or a trace. Upstream errors sometimes echo
 * the key they were sent ("Incorrect API key provided: sk-…"), so every text that leaves the
 * process passes through here: the configured keys are cut out by value, and anything shaped
 * like an OpenAI or LangSmith key by pattern. Credentials written into an endpoint URL
 * (`https://user:password@host/v1`, `…/v1?api-key=…`) are keys too: cut out by value and by
 * pattern wherever a URL appears.
 */

import { createRedactor, REDACTED, type Redactor, redactUrlCredentials, SECRET_NAME } from "./redactor.js";

// The one scrubbing engine is redactor.ts; a Redactor is a value the edges build and hand down.
export { createRedactor, REDACTED, type Redactor, redactUrlCredentials };

const KEY_VARIABLES = ["OPENAI_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"] as const;
/** Variables holding endpoint URLs, which may carry credentials of their own. */
const URL_VARIABLES = ["OPENAI_BASE_URL", "RECIPE_FILTERS_ALLOWED_BASE_URLS", "LANGSMITH_ENDPOINT"] as const;

/**
 * The `Authorization: Basic …` value a client builds from a URL's user info. A server that
 * echoes the header it got echoes this, so it is a secret as much as the password.
 */
export const basicAuthorization = (user: string, password: string) =>
  Buffer.from(`${user}:${password}`).toString("base64");

/**
 * The credential values inside one or more URLs (whitespace- or comma-separated), raw and
 * percent-decoded, and the Basic authorization built from the user info.
 */
export function secretsInUrls(urls: string): string[] {
  const secrets: string[] = [];
  for (const raw of urls.split(/[\s,]+/)) {
    if (!URL.canParse(raw)) continue;
    const url = new URL(raw);
    const values = [url.username, url.password];
    for (const [name, value] of url.searchParams) if (SECRET_NAME.test(name)) values.push(value);
    for (const value of values) if (value) secrets.push(value, safeDecode(value));
    if (url.username || url.password)
      secrets.push(basicAuthorization(safeDecode(url.username), safeDecode(url.password)));
  }
  return [...new Set(secrets)];
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * The key values configured in this environment, and the credentials inside its endpoint
 * URLs (short values are ignored: they would redact ordinary words). For the edges, which
 * read the environment; library code is handed the list.
 */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const keys = KEY_VARIABLES.map((name) => env[name]).filter((value): value is string => !!value);
  const inUrls = URL_VARIABLES.flatMap((name) => secretsInUrls(env[name] ?? ""));
  return [...keys, ...inUrls].filter((value) => value.length >= 4);
}

/** Patterns only (key shapes, URL credentials): for text that meets no known secret list. */
export const PATTERN_REDACTOR: Redactor = createRedactor();

/**
 * The text with every secret cut out: `secrets` by value (values under 4 characters are
 * ignored), and anything shaped like a key or a URL credential. A redactor is built per call:
 * code that redacts often builds one with `createRedactor` and keeps it.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  return (secrets.length === 0 ? PATTERN_REDACTOR : createRedactor(secrets)).redact(text);
}
