/**
 * The CLI's process stays alive until its work is done. The tracing client serializes large
 * runs on an unref'd worker and its timers are unref'd too, so while `main()` awaits only
 * them, Node would see an empty event loop and exit — with code 0, before the result's exit
 * code is set and before the trace has left. One ref'd timer for the duration prevents that.
 */
export function holdProcessOpen(): () => void {
  const timer = setInterval(() => undefined, 60_000);
  return () => clearInterval(timer);
}

/**
 * Exits with `code` once stdout has taken what was written, and no later than `graceMs`
 * after, even if an HTTP keep-alive socket or a client timer would hold the process open.
 */
export function exitWhenWritten(code: number, graceMs = 1000): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), graceMs).unref();
  if (process.stdout.writableLength === 0) return;
  process.stdout.once("drain", () => process.exit(code));
}
