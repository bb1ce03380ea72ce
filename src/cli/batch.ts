/** `--batch FILE`: JSON Lines in, one JSON result per line out, a progress bar on a terminal. */
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { Presets, SingleBar } from "cli-progress";
import { EXIT } from "../command-line/exit-codes.js";
import { lineFailed, runBatch } from "../extractor/batch.js";
import { createExtractor } from "../extractor/extractor.js";
import { printable, safeJson } from "../formats/terminal-text.js";
import { flushOrWarn, tracingFromEnv } from "../tracing/langsmith.js";
import { flushOpenTelemetryOrWarn, openTelemetryFromEnv } from "../tracing/opentelemetry.js";
import type { EnvironmentSettings } from "../workflow/environment.js";

export interface BatchCommand {
  /** A JSON Lines / plain-text file, or "-" for standard input. */
  file: string;
  concurrency: number;
  settings: EnvironmentSettings;
}

/** Opens the input, or explains in one line why it cannot be read. */
async function openInput(file: string): Promise<Readable | string> {
  if (file === "-") return process.stdin;
  try {
    if ((await stat(file)).isDirectory()) return `${file} is a directory`;
    return (await open(file)).createReadStream({ encoding: "utf8" });
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

/** Counts lines as they are read, so a bar over standard input can grow its total. */
async function* counting(lines: AsyncIterable<string>, onLine: (read: number) => void): AsyncIterable<string> {
  let read = 0;
  for await (const line of lines) {
    onLine(++read);
    yield line;
  }
}

async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(`${text}\n`)) await once(process.stdout, "drain");
}

/** The reader went away (`… | head`): a pipeline expects the writer to stop quietly. */
const isBrokenPipe = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";

export async function runBatchCommand({ file, concurrency, settings }: BatchCommand): Promise<number> {
  const input = await openInput(file);
  if (typeof input === "string") {
    process.stderr.write(`recipe-filters: cannot read the batch file: ${printable(input)}\n`);
    return EXIT.usage;
  }
  // Before readline starts reading: lines it reads while nobody iterates are lost.
  const otel = await openTelemetryFromEnv();
  // The bar is for a person watching; piped stderr (CI, logs) stays clean.
  const bar = process.stderr.isTTY
    ? new SingleBar(
        {
          stream: process.stderr,
          format: "{bar} {value}/{total} lines | {duration_formatted} | ETA {eta_formatted}",
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(file === "-" ? 0 : await countLines(file), 0);
  const lines = counting(createInterface({ input, crlfDelay: Infinity }), (read) => {
    if (file === "-") bar?.setTotal(read);
  });

  const tracing = tracingFromEnv();
  const extractor = createExtractor({ settings: settings.operator, build: settings.build, offlineFastPath: !otel });
  let failedLines = 0;
  // A write error arrives as an event, possibly between writes; it stops the loop below.
  let writeError: unknown;
  const onWriteError = (error: unknown) => (writeError ??= error);
  process.stdout.on("error", onWriteError);
  try {
    for await (const result of runBatch(lines, extractor, {
      concurrency,
      callbacks: tracing ? [tracing.tracer] : undefined,
    })) {
      if (lineFailed(result)) failedLines++;
      await writeLine(safeJson(result));
      if (writeError) break;
      bar?.increment();
    }
  } catch (error) {
    if (!isBrokenPipe(error)) throw error;
  } finally {
    bar?.stop();
    process.stdout.off("error", onWriteError);
  }
  if (writeError && !isBrokenPipe(writeError)) throw writeError;
  if (bar) process.stderr.write(`recipe-filters: ${failedLines} of ${bar.getTotal()} lines had an error\n`);
  await Promise.all([flushOrWarn(tracing, "recipe-filters"), flushOpenTelemetryOrWarn(otel, "recipe-filters")]);
  return failedLines > 0 ? EXIT.partial : EXIT.ok;
}
