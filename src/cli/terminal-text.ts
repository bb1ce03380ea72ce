/**
 * Text from a query is shown back to the user; control characters, escape sequences and
 * bidirectional overrides in it must never reach the terminal raw.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** For human-readable output: unsafe characters become visible \uXXXX escapes. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** JSON.stringify, with every unsafe character escaped too (still valid JSON, same value). */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, escape);
}
