/**
 * Keeps libraries' own console chatter off the CLI's stderr, where every line is meant for
 * the user: the CLI says what happened to traces in one line of its own (see flushOrWarn),
 * so the langsmith client's per-request messages (84 lines for one unreachable endpoint)
 * are dropped, and so is @langchain/core's "Please upgrade your packages" hint, which it
 * prints for a model answer whose tool call cannot be parsed — already reported as that
 * branch's error, and no upgrade would help. Everything else passes through unchanged.
 */
const UPGRADE_HINT = "New LangChain packages are available";
const FROM_LANGSMITH = /[\\/]node_modules[\\/]langsmith[\\/]/;

function isKnownNoise(args: unknown[]): boolean {
  if (typeof args[0] === "string" && args[0].startsWith(UPGRADE_HINT)) return true;
  // The langsmith client logs with bare console calls; its frames name its package path.
  return FROM_LANGSMITH.test(new Error().stack ?? "");
}

export function quietLibraryConsole(): void {
  for (const level of ["warn", "error"] as const) {
    const print = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (!isKnownNoise(args)) print(...args);
    };
  }
}
