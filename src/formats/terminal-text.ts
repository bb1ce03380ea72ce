/**
 * Text from a query (or from a model's answer) is shown back to the user; control
 * characters, escape sequences, bidirectional overrides and broken UTF-16 in it must never
 * reach the terminal raw. Unsafe: every control character (Cc: C0, DEL, C1 — ESC starts
 * ANSI sequences), every format character (Cf: RTL/LTR marks and overrides, zero-width
 * characters, BOM, tag characters), lone surrogates (Cs; with the u flag a valid pair is one
 * code point and does not match), and the Unicode line and paragraph separators.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;

/** \uXXXX for every UTF-16 unit: valid in JSON too (a character above U+FFFF becomes its surrogate pair). */
const escapeUnits = (ch: string) =>
  Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");

/** For human-readable output: unsafe characters become visible \uXXXX escapes. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escapeUnits);
}

/** Like `printable`, but keeps the line breaks of multi-line text (e.g. a usage message). */
export function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

/**
 * JSON.stringify, with every unsafe character escaped too (still valid JSON, same value).
 * JSON.stringify already escapes C0 controls inside strings, so a raw line break can only be
 * the indentation's own, and is kept.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (ch) => (ch === "\n" ? ch : escapeUnits(ch)));
}
