#!/usr/bin/env node
import { RunCollectorCallbackHandler } from "@langchain/core/tracers/run_collector";
import { Command, CommanderError, Option } from "commander";
import { config as loadDotenv } from "dotenv";
import type { Database } from "sql.js";
import { EXIT } from "../command-line/exit-codes.js";
import { positiveInteger, wholeNumber } from "../command-line/positive-integer.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from "../extractor/batch.js";
import { createExtractor } from "../extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../filters/index.js";
import { FORMAT_NAMES, type FormatName } from "../formats/index.js";
import { printable, printableLines } from "../formats/terminal-text.js";
import { CatalogError, openCatalog } from "../search/recipe-store.js";
import { redactSecrets, secretsFromEnv } from "../secrets/redact.js";
import { type EnvironmentSettings, settingsFromEnv } from "../settings/environment.js";
import { SettingsError } from "../settings/operator.js";
import { createRunDecider } from "../settings/run.js";
import { flushOrWarn, TRACING_FLAGS, TracingSettingsError, tracingFromEnv } from "../tracing/langsmith.js";
import { flushOpenTelemetryOrWarn, openTelemetryFromEnv } from "../tracing/opentelemetry.js";
import { allowAbortListenersFor } from "../workflow/abort-listeners.js";
import { checkQuery, UnusableQueryError } from "../workflow/query-check.js";
import { runBatchCommand } from "./batch.js";
import { httpUrl } from "./http-url.js";
import { quietLibraryConsole } from "./library-console.js";
import { chooseOutput, writeResult, writeTrace } from "./output.js";
import { packageVersion } from "./package-version.js";
import { exitWhenWritten, holdProcessOpen } from "./process-lifetime.js";
import { writeSearchResult } from "./search.js";
import { readQueryFromStdin } from "./stdin-query.js";
import { describeStdoutFailure, watchStdout } from "./stdout-failure.js";
import { printEvents } from "./stream.js";
import { traceEveryFromEnv } from "./trace-sampling.js";

const HELP_AFTER = `
Examples:
  npm start -- "10分以内に500円未満で作れる副菜教えて"
  echo "15分以内の主菜" | npm start -- --json
  npm start -- --json "dinner in under 20 minutes for less than 1000 yen"
  npm start -- --format sql "15分以内の主菜"
  npm start -- --stream --trace "10分以内に500円未満で作れる副菜教えて"
  npm start -- --batch queries.jsonl --concurrency 16 > results.jsonl
  npm start -- --batch queries.jsonl --skip 57 >> results.jsonl   (resume after line 57)

Environment (see .env.example; a .env file is loaded when present):
  OPENAI_API_KEY            key for the chat model (never logged or traced)
  OPENAI_BASE_URL           any OpenAI-compatible server (vLLM, Ollama, LM Studio)
  RECIPE_FILTERS_MODEL      model name (default gpt-4o-mini)
  RECIPE_FILTERS_EXTRACTOR  llm | rules | auto (default auto: llm when a key or base URL is set)
  RECIPE_FILTERS_MAX_RETRIES, RECIPE_FILTERS_TIMEOUT_MS   per-branch retries and timeout
  LANGSMITH_TRACING, LANGSMITH_API_KEY, LANGSMITH_ENDPOINT, LANGSMITH_PROJECT   tracing
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_HEADERS, OTEL_SERVICE_NAME   OpenTelemetry (MLflow …)
  RECIPE_FILTERS_TRACE_EVERY  --batch traces one line in this many (default 1: every line)

Exit codes:
  0  every branch succeeded
  1  anything unexpected, or the result could not be written to stdout (closed pipe, full disk)
  2  usage error, or an unusable query (empty, blank, too long)
  3  partial result: a branch failed; the other branches' filters are still printed
     (--batch: at least one line failed — malformed, unusable or a failed branch —
     and its result line carries the error; every other line is still printed)
  129, 130, 143  --batch stopped by SIGHUP, SIGINT, SIGTERM: the lines in flight were
     finished and written, and stderr names the --skip that resumes after them

Batch mode (--batch FILE, "-" for standard input): one query per line (only \\n or \\r\\n
ends a line; a line over 64 KiB is refused as it is read), either a JSON object with a
"query" field (other fields are ignored) or plain text; one JSON result per input line on
stdout, in input order, each with its 1-based "line". A progress bar goes to stderr when
stderr is a terminal and stdout is not.`;

function buildProgram(): Command {
  return new Command("recipe-filters")
    .description("Turn a recipe-search query into metadata filters, one parallel LLM branch per filter type.")
    .version(packageVersion(), "--version", "print the version and exit")
    .argument("[query...]", "the search query (quote it, or the words are joined with spaces; none: read from stdin)")
    .option("--json", "print exactly one JSON document on stdout (same as --format json)")
    .addOption(
      new Option("--format <name>", "output format (default: a readable summary)")
        .choices(FORMAT_NAMES)
        .conflicts("json"),
    )
    .option(
      "--stream",
      "print each branch's filters the moment it finishes, then the result (with --json: one JSON event per line)",
    )
    .option("--trace", "after the result, print this query's run tree as a timeline (on stderr when stdout is JSON)")
    .addOption(new Option("--extractor <kind>", "which extractor runs").choices(["auto", "llm", "rules"]))
    .option("--model <name>", "chat model name (overrides RECIPE_FILTERS_MODEL)")
    .option("--base-url <url>", "OpenAI-compatible server (overrides OPENAI_BASE_URL)", httpUrl)
    .addOption(
      new Option(
        "--batch <file>",
        'extract every line of a JSON Lines / plain-text file ("-" = stdin); output is JSON Lines',
      ).conflicts(["stream", "trace"]),
    )
    .option(
      "--concurrency <n>",
      `queries in flight at once in --batch mode (1–${MAX_CONCURRENCY})`,
      wholeNumber(1, MAX_CONCURRENCY),
      DEFAULT_CONCURRENCY,
    )
    .option(
      "--skip <n>",
      "--batch: skip the first n lines (resume a stopped batch); numbering still counts them",
      wholeNumber(0),
      0,
    )
    .addOption(
      new Option("--search", "apply the filters to the recipe catalog and list the matching recipes").conflicts([
        "format",
        "stream",
        "batch",
      ]),
    )
    .option(
      "--catalog <file>",
      "SQLite recipe catalog for --search (default: RECIPE_FILTERS_CATALOG, else the bundled sample)",
    )
    .option("--limit <n>", "most recipes --search lists", positiveInteger, 20)
    .addHelpText("after", HELP_AFTER)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(printableLines(s)) });
}

export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const program = buildProgram();
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const options = program.opts<{
    json?: boolean;
    format?: FormatName;
    stream?: boolean;
    trace?: boolean;
    extractor?: "auto" | "llm" | "rules";
    model?: string;
    baseUrl?: string;
    batch?: string;
    concurrency: number;
    skip: number;
    search?: boolean;
    catalog?: string;
    limit: number;
  }>();
  const flags = { extractor: options.extractor, model: options.model, baseUrl: options.baseUrl };
  let query: string;
  let settings: EnvironmentSettings;
  let catalog: Database | undefined;
  let tracing: ReturnType<typeof tracingFromEnv>;
  try {
    // Read once, here: the environment, then the flags, which configure as the environment does.
    settings = settingsFromEnv(process.env);
    for (const [name, value] of Object.entries(flags))
      if (value !== undefined) Object.assign(settings.operator, { [name]: value });
    createRunDecider(settings.operator).decide(undefined); // a bad setting is a usage error before any work
    tracing = tracingFromEnv();
    // From here on only this tracer traces (it redacts keys and counts deliveries): with the
    // flags still set, LangChain would add its own default tracer to any run without one —
    // such as the lines a sampled batch leaves untraced.
    for (const flag of TRACING_FLAGS) delete process.env[flag];
    if (options.batch !== undefined) {
      if (program.args.length > 0) throw new UnusableQueryError("give either a query or --batch FILE, not both");
      if (options.format !== undefined && options.format !== "json")
        throw new UnusableQueryError(`--batch writes JSON Lines; --format ${options.format} works for one query`);
      return await runBatchCommand({
        file: options.batch,
        concurrency: options.concurrency,
        skip: options.skip,
        settings,
        tracing,
        traceEvery: traceEveryFromEnv(),
      });
    }
    if (options.skip > 0) throw new UnusableQueryError("--skip goes with --batch");
    const words = program.args.join(" ");
    query = checkQuery(words === "" && !process.stdin.isTTY ? await readQueryFromStdin() : words);
    // Opened before extraction, so a bad catalog costs no model call.
    if (options.search)
      catalog = await openCatalog(options.catalog ?? (process.env.RECIPE_FILTERS_CATALOG || undefined), {
        registry: BUILT_IN_REGISTRY,
      });
  } catch (error) {
    if (
      !(
        error instanceof UnusableQueryError ||
        error instanceof SettingsError ||
        error instanceof CatalogError ||
        error instanceof TracingSettingsError
      )
    )
      throw error;
    process.stderr.write(`recipe-filters: ${printable(error.message)} (try --help)\n`);
    return EXIT.usage;
  }

  const otel = await openTelemetryFromEnv();
  // With OTel on, offline queries run the graph too (its instrumentation attaches a handler), so each leaves its trace.
  const extractor = createExtractor({ settings: settings.operator, build: settings.build });
  const output = chooseOutput(options);
  // One invoke, every handler: the local run tree and LangSmith see the same runs.
  const recorder = options.trace ? new RunCollectorCallbackHandler() : undefined;
  const handlers = [recorder, tracing?.tracer].filter((h) => h !== undefined);
  const request = { callbacks: handlers.length > 0 ? handlers : undefined };
  const stdout = watchStdout();
  const result = options.stream
    ? await printEvents(extractor.stream(query, request), { json: output === "json" })
    : await extractor.extract(query, request);
  const { registry } = extractor;
  if (catalog) writeSearchResult(result, catalog, { json: output === "json", limit: options.limit, registry });
  else if (!(options.stream && output === "json")) writeResult(result, output, registry);
  if (recorder) writeTrace(recorder.tracedRuns[0], output);
  const writeFailure = await stdout.settle();
  stdout.release();
  await Promise.all([flushOrWarn(tracing, "recipe-filters"), flushOpenTelemetryOrWarn(otel, "recipe-filters")]);
  if (writeFailure) {
    process.stderr.write(`recipe-filters: ${describeStdoutFailure(writeFailure)}\n`);
    return EXIT.unexpected;
  }
  return result.errors.length > 0 ? EXIT.partial : EXIT.ok;
}

quietLibraryConsole();
// This process is ours: the parallel branches of one graph may share one abort signal.
allowAbortListenersFor(BUILT_IN_REGISTRY.types.length);
const releaseProcess = holdProcessOpen();
main(process.argv.slice(2))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `recipe-filters: unexpected error: ${printable(redactSecrets(message, secretsFromEnv(process.env)))}\n`,
    );
    return EXIT.unexpected;
  })
  .then((code) => {
    releaseProcess();
    exitWhenWritten(code);
  });
