/**
 * Everything the CLI takes from, and gives to, the process it runs in. `bin.ts` hands over the
 * real ones; a test hands over its own, so the program runs in the test's process and no
 * process-wide state (stdout, the environment, signal listeners, the exit code) is touched.
 */
import type { Readable, Writable } from "node:stream";

export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

/** Where stop requests come from: `process`, or an emitter a test signals. */
export interface SignalSource {
  on(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(signal: StopSignal, listener: (signal: StopSignal) => void): unknown;
}

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** The environment, read only here: a .env file in `cwd` adds what it does not already set. */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative file arguments and the .env file are found from here. */
  cwd: string;
  signals: SignalSource;
}
