/**
 * The CLI as a function: `main(argv, io)` parses the arguments, runs, writes only through `io`
 * and returns the exit code. `bin.ts` runs it on the real process; tests run it in theirs.
 */

// What only some runs need (LangSmith, the run recorder, the catalog and its ranker, batch
// mode) is imported where it is used: an offline query loads none of it (issue 22, cold start).
import { resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { config as loadDotenv } from "dotenv";
import type { Database } from "sql.js";
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from "../extractor/batch.js";
import { createExtractor, type DecidedRun, type Extractor } from "../extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../filters/index.js";
import { FORMAT_NAMES, type FormatName } from "../formats/index.js";
import { printable, printableLines } from "../formats/terminal-text.js";
import { createRedactor, type Redactor, redactSecrets, secretsFromEnv } from "../secrets/redact.js";
import { type EnvironmentSettings, settingsFromEnv } from "../settings/environment.js";
import { SettingsError } from "../settings/operator.js";
import { createRunDecider } from "../settings/run.js";
import type { Tracing } from "../tracing/langsmith.js";
import { TracingSettingsError, tracingEnabled } from "../tracing/langsmith-settings.js";
import { flushOpenTelemetryOrWarn, openTelemetryFromEnv } from "../tracing/opentelemetry.js";
import { type CheckedQuery, checkQuery, UnusableQueryError } from "../workflow/query-check.js";
import { EXIT } from "./exit-codes.js";
import { httpUrl } from "./http-url.js";
import type { CliIo } from "./io.js";
import { chooseOutput, writeResult, writeTrace } from "./output.js";
import { packageVersion } from "./package-version.js";
import { readQueryFromStdin } from "./stdin-query.js";
import { describeStdoutFailure, watchStdout } from "./stdout-failure.js";
import { printEvents } from "./stream.js";
import { traceEveryFromEnv } from "./trace-sampling.js";
import { positiveInteger, wholeNumber } from "./whole-number.js";

const HELP_AFTER = `
Examples (in a clone of the repository; -s keeps npm's banner out of stdout, and where the
package is installed, "npx recipe-filters" does the same as "npm -s start --"):
  npm -s start -- "10分以内に500円未満で作れる副菜教えて"
  echo "15分以内の主菜" | npm -s start -- --json
  npm -s start -- --json "dinner in under 20 minutes for less than 1000 yen"
  npm -s start -- --format sql "15分以内の主菜"
  npm -s start -- --stream --trace "10分以内に500円未満で作れる副菜教えて"
  npm -s start -- --batch queries.jsonl --concurrency 16 > results.jsonl
  npm -s start -- --batch queries.jsonl --skip 57 >> results.jsonl   (resume after line 57)

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

function buildProgram(io: CliIo): Command {
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
    .option(
      "--embeddings <model>",
      "with --search: also rank by this OpenAI-compatible embeddings model (OPENAI_API_KEY or OPENAI_BASE_URL), fused with the word ranking",
    )
    .addHelpText("after", HELP_AFTER)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(printableLines(s)),
    });
}

/** Runs the CLI with `argv` (the arguments after the program name); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`recipe-filters: unexpected error: ${printable(redactSecrets(message, secretsFromEnv(io.env)))}\n`);
    return EXIT.unexpected;
  }
}

/** The environment as given, with what a .env file in `cwd` adds (it never overrides). */
function environment(io: CliIo): Record<string, string | undefined> {
  const env = { ...io.env };
  loadDotenv({ quiet: true, path: resolve(io.cwd, ".env"), processEnv: env as Record<string, string> });
  return env;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { stdout, stderr } = io;
  const program = buildProgram(io);
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
    embeddings?: string;
  }>();
  const flags = { extractor: options.extractor, model: options.model, baseUrl: options.baseUrl };
  let query: CheckedQuery;
  let settings: EnvironmentSettings;
  let catalog: Database | undefined;
  let catalogStore: typeof import("../search/recipe-store.js") | undefined;
  let langsmith: typeof import("../tracing/langsmith.js") | undefined;
  let tracing: Tracing | undefined;
  let extractor: Extractor;
  let run: DecidedRun;
  let redactor: Redactor;
  const env = environment(io);
  try {
    // Read once, here: the environment, then the flags, which configure as the environment does.
    settings = settingsFromEnv(env);
    for (const [name, value] of Object.entries(flags))
      if (value !== undefined) Object.assign(settings.operator, { [name]: value });
    // The process's one decider and its one decision: every query (or batch line) runs under it.
    const runs = createRunDecider(settings.operator);
    // The secrets this process knows (the environment's keys, the endpoints' credentials): cut
    // out of every error record and warning, handed down as a value.
    redactor = createRedactor([...secretsFromEnv(env), ...runs.secrets]);
    extractor = createExtractor({ runs, build: settings.build, redactor });
    run = extractor.decide(); // a bad setting is a usage error before any work
    // Not a keyless request to api.openai.com: an LLM run needs a key or a server of one's own.
    if (run.settings.extractor === "llm" && !settings.operator.apiKey && !settings.operator.baseUrl)
      throw new SettingsError(
        "the llm extractor needs OPENAI_API_KEY, or an OpenAI-compatible server (--base-url / OPENAI_BASE_URL)",
      );
    // Only this tracer traces (it redacts keys and counts deliveries); bin.ts keeps the
    // variables away from LangChain, which would otherwise add a default tracer of its own.
    // A traced batch uploads slim runs: the prompts are the same in every line (tracing/slim-runs.ts).
    if (tracingEnabled(env)) langsmith = await import("../tracing/langsmith.js");
    tracing = langsmith?.tracingFromEnv(env, {
      slim: options.batch !== undefined && { registry: BUILT_IN_REGISTRY },
    });
    if (options.batch !== undefined) {
      if (program.args.length > 0) throw new UnusableQueryError("give either a query or --batch FILE, not both");
      if (options.format !== undefined && options.format !== "json")
        throw new UnusableQueryError(`--batch writes JSON Lines; --format ${options.format} works for one query`);
      const { runBatchCommand } = await import("./batch.js");
      return await runBatchCommand(
        {
          file: options.batch,
          concurrency: options.concurrency,
          skip: options.skip,
          extractor,
          run,
          tracing,
          traceEvery: traceEveryFromEnv(env),
        },
        io,
      );
    }
    if (options.skip > 0) throw new UnusableQueryError("--skip goes with --batch");
    const words = program.args.join(" ");
    query = checkQuery(words === "" && !io.stdin.isTTY ? await readQueryFromStdin(io.stdin) : words);
    if (options.embeddings !== undefined && !options.search)
      throw new UnusableQueryError("--embeddings goes with --search");
    if (options.embeddings !== undefined && !settings.operator.apiKey && !settings.operator.baseUrl)
      throw new UnusableQueryError(
        "--embeddings needs OPENAI_API_KEY or an OpenAI-compatible server (--base-url / OPENAI_BASE_URL)",
      );
    // Opened before extraction, so a bad catalog costs no model call.
    const catalogFile = options.catalog ?? (env.RECIPE_FILTERS_CATALOG || undefined);
    if (options.search) {
      catalogStore = await import("../search/recipe-store.js");
      catalog = await catalogStore.openCatalog(catalogFile && resolve(io.cwd, catalogFile), {
        registry: BUILT_IN_REGISTRY,
      });
    }
  } catch (error) {
    if (
      !(
        error instanceof UnusableQueryError ||
        error instanceof SettingsError ||
        (catalogStore && error instanceof catalogStore.CatalogError) ||
        error instanceof TracingSettingsError
      )
    )
      throw error;
    stderr.write(`recipe-filters: ${printable(error.message)} (try --help)\n`);
    return EXIT.usage;
  }

  const otel = await openTelemetryFromEnv(env);
  // With OTel on, offline queries run the graph too (its instrumentation attaches a callback
  // handler, see extractor.ts), so each leaves its trace.
  const output = chooseOutput(options);
  // One invoke, every handler: the local run tree and LangSmith see the same runs.
  const recorder = options.trace
    ? new (await import("@langchain/core/tracers/run_collector")).RunCollectorCallbackHandler()
    : undefined;
  const handlers = [recorder, tracing?.tracer].filter((h) => h !== undefined);
  // The query was checked and the run decided above: handed down, not redone.
  const request = { run, callbacks: handlers.length > 0 ? handlers : undefined };
  const watch = watchStdout(stdout);
  const result = options.stream
    ? await printEvents(extractor.stream(query, request), {
        json: output === "json",
        write: (text) => stdout.write(text),
      })
    : await extractor.extract(query, request);
  const { registry } = extractor;
  let searchComplete = true;
  if (catalog)
    searchComplete = await (await import("./search.js")).writeSearchResult(
      result,
      catalog,
      {
        json: output === "json",
        limit: options.limit,
        registry,
        redactor,
        embeddings: options.embeddings ? await embeddingsModel(options.embeddings, settings.operator) : undefined,
      },
      io,
    );
  else if (!(options.stream && output === "json")) writeResult(result, output, registry, io);
  if (recorder) writeTrace(recorder.tracedRuns[0], output, io);
  const writeFailure = await watch.settle();
  watch.release();
  const warn = (line: string) => stderr.write(line);
  await Promise.all([
    langsmith?.flushOrWarn(tracing, "recipe-filters", { warn }),
    flushOpenTelemetryOrWarn(otel, "recipe-filters", warn),
  ]);
  // Unhooks LangChain at once (the flush above sent what there was); the rest is not waited for.
  void otel?.shutdown();
  if (writeFailure) {
    stderr.write(`recipe-filters: ${describeStdoutFailure(writeFailure)}\n`);
    return EXIT.unexpected;
  }
  return result.errors.length > 0 || !searchComplete ? EXIT.partial : EXIT.ok;
}

/** The operator's OpenAI-compatible embeddings model; the key goes only to the operator's endpoint. */
async function embeddingsModel(model: string, operator: EnvironmentSettings["operator"]) {
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  return new OpenAIEmbeddings({
    model,
    // A local server needs no key, but the client insists on one.
    apiKey: operator.apiKey ?? "not-needed",
    configuration: operator.baseUrl ? { baseURL: operator.baseUrl } : undefined,
    maxRetries: 1,
  });
}
