/**
 * `npm run eval -- [--dataset FILE] [--extractor rules|llm] [--langsmith]`: scores an
 * extractor on a dataset, prints the scores and every failing case, and writes a JSON
 * report; with --langsmith, as a LangSmith experiment (eval/langsmith-experiment.ts).
 * `main(argv, io)` returns the exit code and touches only the io it is given (run.ts hands
 * over the real process's), so a test runs it in its own process.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import { Command, CommanderError, Option } from "commander";
import { config as loadDotenv } from "dotenv";
import { EXIT } from "../src/cli/exit-codes.js";
import { positiveInteger } from "../src/cli/whole-number.js";
import { DEFAULT_CONCURRENCY } from "../src/extractor/batch.js";
import { createExtractor } from "../src/extractor/extractor.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { printable } from "../src/formats/terminal-text.js";
import { openCatalog } from "../src/search/recipe-store.js";
import { createRedactor, redactSecrets, secretsFromEnv } from "../src/secrets/redact.js";
import { type EnvironmentSettings, settingsFromEnv } from "../src/settings/environment.js";
import { SettingsError } from "../src/settings/operator.js";
import { createRunDecider, type RunSettings } from "../src/settings/run.js";
import { createTracing, flushOrWarn, type Tracing, tracingFromEnv } from "../src/tracing/langsmith.js";
import { flushOpenTelemetryOrWarn, openTelemetryFromEnv } from "../src/tracing/opentelemetry.js";
import { DatasetError, type EvalCase, loadDataset } from "./dataset.js";
import { EndpointFailingError, type EvalReport, evaluate } from "./evaluate.js";
import { EVAL_TAG, type ExperimentReport, runExperiment } from "./langsmith-experiment.js";
import { renderReport } from "./render.js";
import { evaluateSearch, renderSearchReport } from "./search-eval.js";
import { loadSearchCases } from "./search-judgments.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const HELP_AFTER = `
Examples:
  npm run eval                                   # the offline extractor on eval/dataset.jsonl
  npm run eval -- --extractor llm                # the chat model (OPENAI_API_KEY or OPENAI_BASE_URL)
  npm run eval -- --extractor llm --base-url http://localhost:11434/v1 --model llama3.1
  npm run eval -- --langsmith                    # as a LangSmith experiment (LANGSMITH_API_KEY)
  npm run eval -- --search                       # the catalog search: P@5 and nDCG@5, filters only vs ranked

Exit codes:
  0  the dataset was scored and the report written (whatever the scores)
  1  the model endpoint failed the first cases alike (eval stops after 5), or anything unexpected
  2  usage error: an option, an unreadable or invalid dataset, llm with no key or server,
     --langsmith with no LangSmith key`;

interface EvalOptions {
  dataset: string;
  extractor: "rules" | "llm";
  model?: string;
  baseUrl?: string;
  concurrency: number;
  report?: string;
  langsmith: boolean;
  experimentPrefix?: string;
  search: boolean;
}

/** What eval takes from, and gives to, the process it runs in (run.ts hands over the real ones). */
export interface EvalIo {
  stdout: Writable;
  stderr: Writable;
  /** The environment, read only here: a .env file in `cwd` adds what it does not already set. */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths and the .env file are found from here. */
  cwd: string;
}

/** Runs `npm run eval -- argv` on `io`; the exit code, never a throw. */
export async function main(argv: string[], io: EvalIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.stderr.write(`eval: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unexpected;
  }
}

async function run(argv: string[], io: EvalIo): Promise<number> {
  // What a .env file in the working directory adds (it never overrides).
  const env = { ...io.env } as Record<string, string>;
  loadDotenv({ quiet: true, path: resolve(io.cwd, ".env"), processEnv: env });
  const program = new Command("npm run eval --")
    .description(
      "Score an extractor on an evaluation dataset: per-filter-type precision/recall/F1, exact-match rate, failing cases.",
    )
    .addOption(
      new Option("--dataset <file>", "JSON Lines dataset").default(
        join(ROOT, "eval", "dataset.jsonl"),
        "eval/dataset.jsonl",
      ),
    )
    .addOption(new Option("--extractor <kind>", "which extractor to score").choices(["rules", "llm"]).default("rules"))
    .option("--model <name>", "chat model name (llm; overrides RECIPE_FILTERS_MODEL)")
    .option("--base-url <url>", "OpenAI-compatible server (llm; overrides OPENAI_BASE_URL)")
    .option("--concurrency <n>", "queries in flight at once", positiveInteger, DEFAULT_CONCURRENCY)
    .option("--report <file>", "where the JSON report goes (default eval/reports/<extractor>-<time>.json)")
    .option("--langsmith", "run as a LangSmith experiment: upload the dataset, trace every case, log scores", false)
    .option(
      "--search",
      "score the catalog search on eval/search-queries.jsonl: P@5 and nDCG@5, filters only vs ranked",
      false,
    )
    .option("--experiment-prefix <name>", "LangSmith experiment name prefix (default recipe-filters-<extractor>)")
    .addHelpText("after", HELP_AFTER)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  const options = program.opts<EvalOptions>();
  const warn = (line: string) => io.stderr.write(line);
  const usage = (message: string) => {
    io.stderr.write(`eval: ${message}\n`);
    return EXIT.usage;
  };

  let cases: EvalCase[];
  let settings: EnvironmentSettings;
  let run: RunSettings;
  try {
    settings = settingsFromEnv(env);
    const flags = { extractor: options.extractor, model: options.model, baseUrl: options.baseUrl };
    for (const [name, value] of Object.entries(flags)) if (value) Object.assign(settings.operator, { [name]: value });
    run = createRunDecider(settings.operator).decide(undefined);
    cases = await loadDataset(resolve(io.cwd, options.dataset));
  } catch (error) {
    if (error instanceof DatasetError || error instanceof SettingsError) return usage(error.message);
    if ((error as NodeJS.ErrnoException).code) return usage(`cannot read the dataset: ${(error as Error).message}`);
    throw error;
  }
  if (run.extractor === "llm" && !settings.operator.apiKey && !settings.operator.baseUrl)
    return usage("--extractor llm needs OPENAI_API_KEY or an OpenAI-compatible server (--base-url / OPENAI_BASE_URL)");

  const langSmithKey = env.LANGSMITH_API_KEY || env.LANGCHAIN_API_KEY;
  if (options.langsmith && !langSmithKey)
    return usage("--langsmith needs LANGSMITH_API_KEY (and LANGSMITH_ENDPOINT for a self-hosted LangSmith)");

  const otel = await openTelemetryFromEnv(env);
  const extractor = createExtractor({
    settings: settings.operator,
    build: settings.build,
    redactor: createRedactor([...secretsFromEnv(env), ...createRunDecider(settings.operator).secrets]),
  });
  // This process may go on (a test's): the OpenInference patch comes off whichever way eval ends.
  try {
    if (options.search) {
      const db = await openCatalog(undefined, { registry: extractor.registry });
      const searchReport = await evaluateSearch(loadSearchCases(), extractor, db, {
        extractor: options.extractor,
        model: run.model ?? undefined,
        baseUrl: settings.operator.baseUrl,
      });
      db.close();
      const path = resolve(
        io.cwd,
        options.report ??
          join(
            ROOT,
            "eval",
            "reports",
            `search-${options.extractor}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
          ),
      );
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${JSON.stringify(searchReport, null, 2)}\n`);
      io.stdout.write(`${renderSearchReport(searchReport)}\n\nreport: ${path}\n`);
      await flushOpenTelemetryOrWarn(otel, "eval", warn);
      return EXIT.ok;
    }
    const dataset = relative(io.cwd, options.dataset) || options.dataset;
    let tracing: Tracing | undefined;
    let report: EvalReport;
    let langsmith: ExperimentReport["langsmith"] | undefined;
    if (options.langsmith) {
      const endpoint = env.LANGSMITH_ENDPOINT ?? env.LANGCHAIN_ENDPOINT;
      tracing = createTracing({ apiUrl: endpoint, apiKey: langSmithKey });
      try {
        const experiment = await runExperiment(cases, extractor, {
          client: tracing.client,
          context: { extractor: options.extractor, model: run.model ?? undefined, baseUrl: settings.operator.baseUrl },
          concurrency: options.concurrency,
          dataset,
          experimentPrefix: options.experimentPrefix,
        });
        report = experiment;
        langsmith = experiment.langsmith;
      } catch (error) {
        io.stderr.write(
          `eval: the LangSmith experiment at ${endpoint ?? "the default LangSmith endpoint"} failed: ${redactSecrets(String((error as Error).message ?? error), secretsFromEnv(env))}\n`,
        );
        return EXIT.unexpected;
      }
    } else {
      // Every case is a traced batch line: slim runs (tracing/slim-runs.ts).
      tracing = tracingFromEnv(env, { slim: { registry: BUILT_IN_REGISTRY } });
      // Traced evaluation runs carry the eval tag, as the experiment's do.
      const callbacks = tracing ? new CallbackManager() : undefined;
      if (tracing && callbacks) {
        callbacks.addHandler(tracing.tracer, true);
        callbacks.addTags([EVAL_TAG], true);
      }
      try {
        report = await evaluate(cases, extractor, {
          extractor: options.extractor,
          model: run.model ?? undefined,
          baseUrl: settings.operator.baseUrl,
          concurrency: options.concurrency,
          callbacks,
          dataset,
        });
      } catch (error) {
        if (!(error instanceof EndpointFailingError)) throw error;
        io.stderr.write(`eval: ${printable(redactSecrets(error.message, secretsFromEnv(env)))}\n`);
        await Promise.all([flushOrWarn(tracing, "eval", { warn }), flushOpenTelemetryOrWarn(otel, "eval", warn)]);
        return EXIT.unexpected;
      }
    }
    const reportPath = resolve(
      io.cwd,
      options.report ??
        join(ROOT, "eval", "reports", `${options.extractor}-${report.startedAt.replace(/[:.]/g, "-")}.json`),
    );
    await mkdir(dirname(reportPath), { recursive: true });
    await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    io.stdout.write(`${renderReport(report)}\n\nreport: ${reportPath}\n`);
    if (langsmith)
      io.stdout.write(
        `LangSmith experiment: ${langsmith.experiment} on dataset "${langsmith.datasetName}" (${langsmith.uploadedExamples} examples uploaded)\n`,
      );
    await Promise.all([flushOrWarn(tracing, "eval", { warn }), flushOpenTelemetryOrWarn(otel, "eval", warn)]);
    return EXIT.ok;
  } finally {
    void otel?.shutdown();
  }
}
