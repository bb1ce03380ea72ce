/**
 * Batch extraction: many queries through one extractor, a bounded number in flight, the
 * results in input order. The CLI's --batch, the evaluation and the benchmark all run on it.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import { pMapIterable } from "p-map";
import { z } from "zod";
import type { RecipeFiltersContext } from "../settings/run.js";
import { spanBacklogBelow } from "../tracing/span-delivery.js";
import { type CheckedQuery, checkQuery, UnusableQueryError } from "../workflow/query-check.js";
import type { BranchError } from "../workflow/state.js";
import type { DecidedRun, Extractor } from "./extractor.js";
import type { ExtractionResult } from "./result.js";

/** Queries in flight at once unless told otherwise: enough to hide model latency, gentle on rate limits. */
export const DEFAULT_CONCURRENCY = 8;
/** The most queries in flight a batch accepts: beyond it a batch only queues sockets and memory. */
export const MAX_CONCURRENCY = 1024;
/**
 * The longest batch line read, in bytes. Generous next to the query limit (a JSON line may
 * carry other fields, and escapes grow it); a longer line is refused while it is read.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/** A batch line longer than MAX_LINE_BYTES: counted as it was read, never held in memory. */
export class OverlongLine {
  constructor(readonly bytes: number) {}
}

/** A JSON line of a batch file; fields other than `query` are ignored (a dataset's `filters`, an id …). */
export const BatchLineSchema = z
  .object({ query: z.string().describe("The recipe-search query, Japanese or English.") })
  .describe("One batch input line in JSON form.");

/** The result for one input line: the extraction result, or an error record when the line held no usable query. */
export interface BatchLineResult extends Omit<ExtractionResult, "query" | "extractor"> {
  /** 1-based line number in the input. */
  line: number;
  /** The query, or null when the line held none (malformed JSON, no `query` field). */
  query: string | null;
  /** Which extractor ran, or null when none ran for this line. */
  extractor: ExtractionResult["extractor"] | null;
}

export interface BatchOptions {
  /** Queries in flight at once (default DEFAULT_CONCURRENCY). */
  concurrency?: number;
  /** What every line's run chooses; the run is decided from it once, for the whole batch. */
  context?: Partial<RecipeFiltersContext>;
  /** The run the edge already decided (`extractor.decide`), instead of a context. */
  run?: DecidedRun;
  /** Handlers for every line, or chosen per line (1-based number), e.g. a tracer on one line in k. */
  callbacks?: Callbacks | ((line: number) => Callbacks | undefined);
  /** The number of the first line given (default 1): a batch resumed after N lines starts at N + 1. */
  firstLine?: number;
  /** Stops the intake: no line starts after the abort; the lines in flight finish and are yielded. */
  signal?: AbortSignal;
}

/**
 * How long the batch works before it lets the event loop run timers and I/O. Offline lines
 * settle in microtasks only, so without a turn of the loop a chunk of input would starve
 * everything else: trace exports (the OTel queue filled and dropped spans), signal handlers.
 */
export const YIELD_EVERY_MS = 4;
/**
 * OpenTelemetry spans waiting to leave before the batch waits to start a line: half the span
 * processor's queue, so the lines in flight cannot overfill it.
 */
export const SPAN_BACKLOG_LIMIT = 1024;

/** The error branch name for a line that never reached the graph. */
export const INPUT_BRANCH = "input";

/**
 * Reads one input line: a line that starts with "{" must be a JSON object with a string
 * `query`; any other line is the query itself, as typed.
 */
export function parseBatchLine(text: string | OverlongLine): { query: CheckedQuery } | { error: BranchError } {
  if (text instanceof OverlongLine)
    return {
      error: {
        branch: INPUT_BRANCH,
        kind: "unusable",
        message: `the line is ${text.bytes} bytes long; the longest line read is ${MAX_LINE_BYTES} bytes`,
      },
    };
  const line = text.replace(/^\uFEFF/, "").replace(/\r$/, "");
  let query = line;
  if (line.trimStart().startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      return {
        error: { branch: INPUT_BRANCH, kind: "malformed", message: `not valid JSON: ${(error as Error).message}` },
      };
    }
    const parsed = BatchLineSchema.safeParse(json);
    if (!parsed.success)
      return {
        error: { branch: INPUT_BRANCH, kind: "malformed", message: 'a JSON line needs a string "query" field' },
      };
    query = parsed.data.query;
  }
  try {
    return { query: checkQuery(query) };
  } catch (error) {
    if (error instanceof UnusableQueryError)
      return { error: { branch: INPUT_BRANCH, kind: "unusable", message: error.message } };
    throw error;
  }
}

const failed = (line: number, query: string | null, error: BranchError): BatchLineResult => ({
  line,
  query,
  extractor: null,
  model: null,
  filters: [],
  errors: [error],
  warnings: [],
  contradictions: [],
  residual: query ?? "",
  complete: false,
});

/** A failure that is not a branch's, as the line's error record. */
const unexpected = (error: unknown): BranchError => ({
  branch: "batch",
  kind: "unexpected",
  message: error instanceof Error ? error.message : String(error),
});

/** The batch's one decision: every line runs under it. A context it refuses fails each line that holds a query. */
function decideBatchRun(extractor: Extractor, options: BatchOptions): { run: DecidedRun } | { error: BranchError } {
  if (options.run) return { run: options.run };
  try {
    return { run: extractor.decide(options.context) };
  } catch (error) {
    return { error: unexpected(error) };
  }
}

async function resultForLine(
  text: string | OverlongLine,
  line: number,
  extractor: Extractor,
  decided: ReturnType<typeof decideBatchRun>,
  options: BatchOptions,
): Promise<BatchLineResult> {
  const parsed = parseBatchLine(text);
  if ("error" in parsed) return failed(line, null, parsed.error);
  if ("error" in decided) return failed(line, parsed.query, decided.error);
  try {
    const callbacks = typeof options.callbacks === "function" ? options.callbacks(line) : options.callbacks;
    // The line was checked as it was read, and the run decided for the batch: handed down, not redone.
    return { line, ...(await extractor.extract(parsed.query, { run: decided.run, callbacks })) };
  } catch (error) {
    // The graph turns branch failures into error records; anything else still must not lose the line.
    return failed(line, parsed.query, unexpected(error));
  }
}

/** True when a line produced an error record (its own, or a failed branch's). */
export const lineFailed = (result: BatchLineResult) => result.errors.length > 0;

/**
 * One result per input line, in input order, with at most `concurrency` queries in flight.
 * Lines are read lazily, so a file of any length streams through in bounded memory.
 */
export function runBatch(
  lines: Iterable<string | OverlongLine> | AsyncIterable<string | OverlongLine>,
  extractor: Extractor,
  options: BatchOptions = {},
): AsyncIterable<BatchLineResult> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY)
    throw new RangeError(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`);
  if (options.run && options.context) throw new TypeError("runBatch takes either `run` or `context`, not both");
  const first = options.firstLine ?? 1;
  const decided = decideBatchRun(extractor, options);
  return pMapIterable(
    yieldingIntake(lines, options.signal),
    (text, index) => resultForLine(text, first + index, extractor, decided, options),
    { concurrency },
  );
}

/**
 * The lines, taken one at a time: none after an abort, and none before the event loop had a
 * turn once YIELD_EVERY_MS of work went by (a setImmediate: timers and I/O run, then the batch
 * goes on) and OTel's span backlog is small.
 */
async function* yieldingIntake<T>(lines: Iterable<T> | AsyncIterable<T>, signal: AbortSignal | undefined) {
  let lastTurn = performance.now();
  for await (const line of lines) {
    if (performance.now() - lastTurn >= YIELD_EVERY_MS) {
      await nextTurn();
      lastTurn = performance.now();
    }
    await spanBacklogBelow(SPAN_BACKLOG_LIMIT);
    if (signal?.aborted) return;
    yield line;
  }
}
