import type { Redactor } from "./redactor.js";

/**
 * Redaction of a text that arrives in pieces (a streamed answer's deltas). A secret may be cut
 * anywhere between two pieces — "…sk-ab" then "cd1234…" — and neither piece alone shows it.
 * So the tail of what has arrived that could still become a secret is held back until the next
 * piece (or the end) decides it: the longest tail that begins a literal secret, and a
 * key-shaped token that reaches the end. What is released is always redacted as a whole.
 */
export interface StreamRedactor {
  /** The next piece; returns what can be released now, redacted. */
  push(piece: string): string;
  /** The end: everything held back, redacted. */
  flush(): string;
  /** Whether anything is held back. */
  readonly holding: boolean;
}

/** A key-shaped token (sk-…, ls_…, lsv2_…) that reaches the end, or the start of one. */
const KEY_TAIL = /\b(?:(?:sk|lsv2|ls)[-_][A-Za-z0-9_*-]*|lsv2|lsv|ls|sk|l|s)$/;

export function streamRedactor(redactor: Redactor): StreamRedactor {
  let held = "";
  const heldFrom = (text: string): number => {
    let cut = text.length;
    const key = KEY_TAIL.exec(text);
    if (key) cut = key.index;
    for (const secret of redactor.secrets) {
      // The longest proper prefix of the secret that the text ends with.
      for (let length = Math.min(secret.length - 1, text.length); length > 0; length--) {
        const start = text.length - length;
        if (start >= cut) break;
        if (text.charCodeAt(start) === secret.charCodeAt(0) && text.endsWith(secret.slice(0, length))) {
          cut = start;
          break;
        }
      }
    }
    return cut;
  };
  return {
    push(piece) {
      const text = held + piece;
      const cut = heldFrom(text);
      held = text.slice(cut);
      return redactor.redact(text.slice(0, cut));
    },
    flush() {
      const rest = held;
      held = "";
      return redactor.redact(rest);
    },
    get holding() {
      return held.length > 0;
    },
  };
}
