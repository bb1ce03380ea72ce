/** The CLI's exit codes (documented in --help and the README). */
export const EXIT = {
  /** Every branch succeeded. */
  ok: 0,
  /** Anything unexpected. */
  unexpected: 1,
  /** Usage error, or an unusable query (empty, blank, too long). */
  usage: 2,
  /** Partial result: at least one branch failed; the others' filters are still printed. */
  partial: 3,
} as const;
