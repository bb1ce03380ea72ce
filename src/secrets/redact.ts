/**
 * API keys must never reach a message, a log line or a trace. Upstream errors sometimes echo
 * the key they were sent ("Incorrect API key provided: sk-…"), so every text that leaves the
 * process passes through here: the configured keys are cut out by value, and anything shaped
 * like an OpenAI or LangSmith key by pattern. Credentials written into an endpoint URL
 * (`https://user:password@host/v1`, `…/v1?api-key=…`) are keys too: cut out by value and by
 * pattern wherever a URL appears.
 */

const KEY_VARIABLES = ["OPENAI_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"] as const;
/** Variables holding endpoint URLs, which may carry credentials of their own. */
const URL_VARIABLES = ["OPENAI_BASE_URL", "RECIPE_FILTERS_ALLOWED_BASE_URLS", "LANGSMITH_ENDPOINT"] as const;
const KEY_SHAPED = /\b(?:sk|lsv2|ls)[-_][A-Za-z0-9_*-]{8,}/g;
/** The user-info part of any http(s) URL in a text: `scheme://user:password@`. */
const URL_USER_INFO = /\b(https?:\/\/)[^\s/?#@"'<>]+@/gi;
/** A query parameter name that says it holds a secret (api-key, access_token, sig, password …). */
const SECRET_NAME = /key|token|secret|passw|sig|auth|credential/i;
const SECRET_PARAMETER = new RegExp(`([?&][\\w.-]*(?:${SECRET_NAME.source})[\\w.-]*=)[^&#\\s"'<>]+`, "gi");
export const REDACTED = "[redacted]";

/** A URL with its credentials (user info, secret-named query values) replaced; other text unchanged. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_USER_INFO, `$1${REDACTED}@`).replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

/** The credential values inside one or more URLs (whitespace- or comma-separated), raw and percent-decoded. */
export function secretsInUrls(urls: string): string[] {
  const secrets: string[] = [];
  for (const raw of urls.split(/[\s,]+/)) {
    if (!URL.canParse(raw)) continue;
    const url = new URL(raw);
    const values = [url.username, url.password];
    for (const [name, value] of url.searchParams) if (SECRET_NAME.test(name)) values.push(value);
    for (const value of values) if (value) secrets.push(value, safeDecode(value));
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

/**
 * The text with every secret cut out: `secrets` by value (values under 4 characters are
 * ignored), and anything shaped like a key or a URL credential.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return redactUrlCredentials(out.replace(KEY_SHAPED, REDACTED));
}

/** Cuts secrets out of a text. A value, built at an edge from the secrets it knows and handed down: no process-wide list. */
export type Redactor = (text: string) => string;

/** A redactor for these secret values (and everything key-shaped); empty and short values are ignored. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((value): value is string => !!value && value.length >= 4))];
  return (text) => redactSecrets(text, values);
}
