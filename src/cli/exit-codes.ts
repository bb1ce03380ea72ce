/**
 * The exit codes of the project's command-line programs (documented in their --help and the
 * README): the CLI uses all four; `npm run eval` uses ok, unexpected and usage.
 */
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
