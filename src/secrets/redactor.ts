/**
 * A redactor: a value that cuts a known set of secrets, and anything shaped like a key or a
 * URL credential, out of text and out of whole payloads. One regular expression built from
 * every literal secret and every pattern is the cheap pre-test each string meets; only a
 * string it matches goes through the full scrubber, and a payload that holds no secret is
 * returned as it is (no copy).
 */

export const REDACTED = "[redacted]";
/** Shorter values would redact ordinary words. */
export const MIN_SECRET_LENGTH = 4;

const KEY_SHAPED = /\b(?:sk|lsv2|ls)[-_][A-Za-z0-9_*-]{8,}/g;
/** The user-info part of any http(s) URL in a text: `scheme://user:password@`. */
const URL_USER_INFO = /\b(https?:\/\/)[^\s/?#@"'<>]+@/gi;
/** A query parameter name that says it holds a secret (api-key, access_token, sig, password …). */
export const SECRET_NAME = /key|token|secret|passw|sig|auth|credential/i;
const SECRET_PARAMETER = new RegExp(`([?&][\\w.-]*(?:${SECRET_NAME.source})[\\w.-]*=)[^&#\\s"'<>]+`, "gi");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A URL with its credentials (user info, secret-named query values) replaced; other text unchanged. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_USER_INFO, `$1${REDACTED}@`).replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

export interface Redactor {
  /** The literal secrets, longest first. */
  readonly secrets: readonly string[];
  /** The cheap pre-test: false means the text holds no secret and needs no scrubbing. */
  mayHold(text: string): boolean;
  /** The text with every secret cut out. */
  redact(text: string): string;
  /** The value with every string in it redacted; the same object when nothing needed it (copy on write). */
  redactDeep<T>(value: T): T;
  /** A redactor for these secrets and more. */
  with(more: Iterable<string | undefined>): Redactor;
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const literal = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  // Every pattern and every literal in one alternation: one scan per string.
  const pretest = new RegExp(
    [KEY_SHAPED.source, URL_USER_INFO.source, SECRET_PARAMETER.source, ...literal.map(escapeRegExp)].join("|"),
    "i",
  );
  const mayHold = (text: string) => pretest.test(text);
  const redact = (text: string) => {
    if (!mayHold(text)) return text;
    let out = text;
    for (const secret of literal) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redactUrlCredentials(out.replace(KEY_SHAPED, REDACTED));
  };
  const redactDeep = <T>(value: T): T => deep(value, redact, mayHold, new WeakSet(), 0) as T;
  return {
    secrets: literal,
    mayHold,
    redact,
    redactDeep,
    with: (more) => createRedactor([...literal, ...more]),
  };
}

/** Deep enough for any trace payload; deeper values are left as they are rather than recursed without bound. */
const MAX_DEPTH = 64;

function deep(
  value: unknown,
  redact: (text: string) => string,
  mayHold: (text: string) => boolean,
  seen: WeakSet<object>,
  depth: number,
): unknown {
  if (typeof value === "string") return mayHold(value) ? redact(value) : value;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = deep(value[i], redact, mayHold, seen, depth + 1);
      if (next === value[i]) continue;
      copy ??= value.slice();
      copy[i] = next;
    }
    return copy ?? value;
  }
  // What JSON serialization would write for a class instance (a message's toJSON, a Date's
  // string): walked instead of the instance, and kept only when something in it was redacted.
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const json = toJSON.call(value);
    const next = deep(json, redact, mayHold, seen, depth + 1);
    return next === json ? value : next;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const next = deep(inner, redact, mayHold, seen, depth + 1);
    if (next === inner) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = next;
  }
  return copy ?? value;
}
