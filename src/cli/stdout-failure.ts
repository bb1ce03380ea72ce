import type { Writable } from "node:stream";

/**
 * A write to stdout that fails (`… | true` closed the pipe, `> /dev/full`) arrives as an
 * 'error' event, possibly after the write returned; unhandled, Node prints a stack trace.
 * This records it, so the CLI can say so in one line and exit with its documented code.
 */
export interface StdoutWatch {
  /** Resolves once everything written so far has been handed to the OS; then the error, if any. */
  settle(): Promise<NodeJS.ErrnoException | undefined>;
  release(): void;
}

export function watchStdout(stdout: Writable): StdoutWatch {
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (error: NodeJS.ErrnoException) => {
    failure ??= error;
  };
  stdout.on("error", onError);
  return {
    settle: () =>
      new Promise((resolve) => {
        if (failure || stdout.destroyed) return resolve(failure);
        stdout.write("", () => setImmediate(() => resolve(failure)));
      }),
    release: () => {
      // Later errors (none expected) must still not crash the exit path.
      stdout.off("error", onError);
      stdout.on("error", () => undefined);
    },
  };
}

/** One line for stderr: what failed, in words. */
export function describeStdoutFailure(error: NodeJS.ErrnoException): string {
  const why =
    error.code === "EPIPE"
      ? "the reader closed the pipe"
      : error.code === "ENOSPC"
        ? "no space left on the device"
        : (error.code ?? error.message);
  return `the result could not be written to standard output: ${why}`;
}
