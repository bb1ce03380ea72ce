/**
 * `--batch FILE`: JSON Lines in, one JSON result per line out, a progress bar on a terminal.
 * A signal stops the intake; the lines in flight are finished and written whole, traces are
 * flushed, and stderr says where to resume (`--skip N`). With tracing on, a line starts only
 * while the traces not yet delivered stay few (backpressure), so memory stays bounded.
 */
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Socket } from "node:net";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { Presets, SingleBar } from "cli-progress";
import { lineFailed, type OverlongLine, runBatch } from "../extractor/batch.js";
import type { DecidedRun, Extractor } from "../extractor/extractor.js";
import { printable, safeJson } from "../formats/terminal-text.js";
import { flushOrWarn, type Tracing } from "../tracing/langsmith.js";
import { flushOpenTelemetryOrWarn, openTelemetryFromEnv } from "../tracing/opentelemetry.js";
import { readBatchLines } from "./batch-lines.js";
import { EXIT } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { EXIT_ON_SIGNAL, FORCE_PAUSE_MS, listenForStop, type StopRequest } from "./stop-signals.js";
import { showTraceProgress } from "./trace-progress.js";

export interface BatchCommand {
  /** A JSON Lines / plain-text file, or "-" for standard input. */
  file: string;
  concurrency: number;
  /** The edge's extractor, built from the settings it read once (the environment and the flags). */
  extractor: Extractor;
  /** The run the edge decided for every line (`extractor.decide`). */
  run: DecidedRun;
  /** Lines already done in an earlier run: read, not extracted; numbering still counts them. */
  skip: number;
  tracing: Tracing | undefined;
  /** Attach the tracer to one line in this many (1 = every line). */
  traceEvery: number;
}

/**
 * Traces not yet delivered, per slot of concurrency, before the batch waits to start a line.
 * Two keep the uploads busy while the next queries run; more only grows the client's queue.
 */
const UNDELIVERED_TRACES_PER_SLOT = 2;

/**
 * Opens the input, or explains in one line why it cannot be read. A FIFO is read as a pipe
 * (polled, like stdin), not as a file: a file read waits in Node's thread pool until the
 * writer sends or closes, and the process could not exit after a stop until then.
 */
async function openInput(file: string, io: CliIo): Promise<Readable | string> {
  if (file === "-") return io.stdin;
  try {
    const path = resolve(io.cwd, file);
    const kind = await stat(path);
    if (kind.isDirectory()) return `${file} is a directory`;
    const handle = await open(path);
    if (!kind.isFIFO()) return handle.createReadStream();
    // The socket owns the descriptor now (and closes it); the handle must not close it again.
    const pipe = new Socket({ fd: handle.fd, readable: true, writable: false });
    Object.assign(handle, { close: async () => undefined });
    return pipe;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Lines in a file (a last line without a newline counts), for the progress bar's total. */
async function countLines(file: string): Promise<number> {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  return newlines + (last === 0x0a ? 0 : 1);
}

/** Resolves when `signal` aborts (never rejects). */
const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve())));

/**
 * The lines to extract: the first `skip` dropped, each one only once `admit` allows it, and
 * none after a stop request (a read or a wait in progress is abandoned, not finished).
 */
async function* intake(
  lines: AsyncIterable<string | OverlongLine>,
  { skip, admit, stop, onLine }: { skip: number; admit: () => Promise<void>; stop: AbortSignal; onLine: () => void },
): AsyncGenerator<string | OverlongLine> {
  const stopped = aborted(stop).then(() => ({ done: true as const, value: undefined }));
  const source = lines[Symbol.asyncIterator]();
  for (let index = 0; !stop.aborted; index++) {
    if (index >= skip) await Promise.race([admit(), stopped]);
    if (stop.aborted) break;
    const next = await Promise.race([source.next(), stopped]);
    if (next.done || stop.aborted) break;
    if (index < skip) continue;
    onLine();
    yield next.value;
  }
}

async function writeLine(stdout: Writable, text: string): Promise<void> {
  if (!stdout.write(`${text}\n`)) await once(stdout, "drain");
}

/** The reader went away (`… | head`): a pipeline expects the writer to stop quietly. */
const isBrokenPipe = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";

export async function runBatchCommand(command: BatchCommand, io: CliIo): Promise<number> {
  const { file, concurrency, extractor, run, skip, tracing, traceEvery } = command;
  const { stdout, stderr } = io;
  const input = await openInput(file, io);
  if (typeof input === "string") {
    stderr.write(`recipe-filters: cannot read the batch file: ${printable(input)}\n`);
    return EXIT.usage;
  }
  // Before any line is read. With OTel on, every line is traced (its sampling is LangSmith's).
  const otel = await openTelemetryFromEnv(io.env);
  // The bar is for a person watching stderr while the results go elsewhere: when stdout is
  // the same terminal, the result lines themselves show progress and a bar would garble them.
  const bar =
    stderr.isTTY && !stdout.isTTY
      ? new SingleBar(
          {
            stream: stderr,
            format: "{bar} {value}/{total} lines | {duration_formatted} | ETA {eta_formatted}",
            hideCursor: true,
          },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(file === "-" ? 0 : Math.max(0, (await countLines(resolve(io.cwd, file))) - skip), 0);

  const stop = listenForStop(io.signals);
  stop.signal.addEventListener("abort", () =>
    stderr.write(
      `recipe-filters: stopping on ${stop.stoppedBy}: finishing the lines in flight (another signal, ${FORCE_PAUSE_MS / 1000} s or more later, drops them)\n`,
    ),
  );
  let read = 0;
  const lines = intake(readBatchLines(input as AsyncIterable<Buffer>), {
    skip,
    stop: stop.signal,
    admit: async () => tracing?.delivery.pendingBelow(UNDELIVERED_TRACES_PER_SLOT * concurrency),
    onLine: () => {
      read += 1;
      if (file === "-") bar?.setTotal(read);
    },
  });
  // Lines that should have been traced but were not, because uploads were failing.
  let untraced = 0;
  const callbacks = (line: number) => {
    if (!tracing || (line - 1) % traceEvery !== 0) return undefined;
    if (!tracing.delivery.failing) return [tracing.tracer];
    untraced += 1;
    return undefined;
  };

  // A traced line runs the graph (OTel and LangSmith attach handlers); an untraced offline one need not.
  let failedLines = 0;
  let lastWritten = skip;
  // A write error arrives as an event, possibly between writes; it stops the loop below.
  let writeError: unknown;
  const onWriteError = (error: unknown) => (writeError ??= error);
  stdout.on("error", onWriteError);
  const results = runBatch(lines, extractor, { concurrency, run, callbacks, firstLine: skip + 1 })[
    Symbol.asyncIterator
  ]();
  // A forced stop does not wait for the next line to finish: nothing more is written.
  const forced = aborted(stop.urgentSignal).then(() => ({ done: true as const, value: undefined }));
  try {
    for (;;) {
      const next = await Promise.race([results.next(), forced]);
      if (next.done) break;
      const result = next.value;
      if (lineFailed(result)) failedLines++;
      await writeLine(stdout, safeJson(result));
      lastWritten = result.line;
      if (writeError) break;
      bar?.increment();
    }
    // Ends the batch's generators; with a forced stop, once the line they are waiting for is done.
    void results.return?.(undefined);
  } catch (error) {
    if (!isBrokenPipe(error)) throw error;
  } finally {
    bar?.stop();
    stdout.off("error", onWriteError);
  }
  if (writeError && !isBrokenPipe(writeError)) throw writeError;
  if (bar) stderr.write(`recipe-filters: ${failedLines} of ${lastWritten - skip} lines had an error\n`);
  if (stop.stoppedBy) reportStop(stderr, stop, { skip, lastWritten, read });
  if (!stop.urgent)
    await Promise.all([
      flushOrWarn(tracing, "recipe-filters", {
        extraUndelivered: untraced,
        onProgress: stderr.isTTY ? (delivery, finished) => showTraceProgress(stderr, delivery, finished) : undefined,
        stop: stop.urgentSignal,
        warn: (line) => stderr.write(line),
      }),
      flushOpenTelemetryOrWarn(otel, "recipe-filters", (line) => stderr.write(line)),
    ]);
  // Unhooks LangChain at once (the flush above sent what there was); the rest is not waited for.
  void otel?.shutdown();
  stop.release();
  // A stop leaves a read pending; a pipe or FIFO kept open would hold the process.
  input.destroy();
  if (stop.stoppedBy) return EXIT_ON_SIGNAL[stop.stoppedBy];
  return failedLines > 0 ? EXIT.partial : EXIT.ok;
}

/** Where the batch stopped, and how to go on from there. */
function reportStop(
  stderr: Writable,
  stop: StopRequest,
  { skip, lastWritten, read }: { skip: number; lastWritten: number; read: number },
) {
  const written = lastWritten > skip ? `lines ${skip + 1}–${lastWritten} written` : "no line written";
  const dropped = skip + read - lastWritten;
  stderr.write(
    `recipe-filters: stopped by ${stop.stoppedBy}: ${written}` +
      (dropped > 0 ? ` (${dropped} in flight dropped)` : "") +
      `; resume with --skip ${lastWritten}\n`,
  );
}
