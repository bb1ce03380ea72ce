#!/usr/bin/env node
import { Command, CommanderError, Option } from "commander";
import { config as loadDotenv } from "dotenv";
import { checkQuery, createExtractor, UnusableQueryError } from "../extract.js";
import { buildOptionsFromEnv, type BuildOptions } from "../graph/build.js";
import { resolveSettings, SettingsError } from "../graph/configuration.js";
import { redactSecrets } from "../secrets.js";
import { FLUSH_TIMEOUT_MS, tracingFromEnv } from "../tracing.js";
import { EXIT } from "./exit-codes.js";
import { renderSummary } from "./render.js";
import { printable, printableLines, safeJson } from "./terminal-text.js";

const HELP_AFTER = `
Examples:
  npm start -- "10分以内に500円未満で作れる副菜教えて"
  npm start -- --json "dinner in under 20 minutes for less than 1000 yen"

Environment (see .env.example; a .env file is loaded when present):
  OPENAI_API_KEY            key for the chat model (never logged or traced)
  OPENAI_BASE_URL           any OpenAI-compatible server (vLLM, Ollama, LM Studio)
  RECIPE_FILTERS_MODEL      model name (default gpt-4o-mini)
  RECIPE_FILTERS_EXTRACTOR  llm | rules | auto (default auto: llm when a key or base URL is set)
  RECIPE_FILTERS_MAX_RETRIES, RECIPE_FILTERS_TIMEOUT_MS   per-branch retries and timeout
  LANGSMITH_TRACING, LANGSMITH_API_KEY, LANGSMITH_ENDPOINT, LANGSMITH_PROJECT   tracing

Exit codes:
  0  every branch succeeded
  1  anything unexpected
  2  usage error, or an unusable query (empty, blank, too long)
  3  partial result: a branch failed; the other branches' filters are still printed`;

function buildProgram(): Command {
  return new Command("recipe-filters")
    .description("Turn a recipe-search query into metadata filters, one parallel LLM branch per filter type.")
    .argument("[query...]", "the search query (quote it, or the words are joined with spaces)")
    .option("--json", "print exactly one JSON document on stdout")
    .addOption(new Option("--extractor <kind>", "which extractor runs").choices(["auto", "llm", "rules"]))
    .option("--model <name>", "chat model name (overrides RECIPE_FILTERS_MODEL)")
    .option("--base-url <url>", "OpenAI-compatible server (overrides OPENAI_BASE_URL)")
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
  const options = program.opts<{ json?: boolean; extractor?: "auto" | "llm" | "rules"; model?: string; baseUrl?: string }>();
  const context = { extractor: options.extractor, model: options.model, baseUrl: options.baseUrl };
  let query: string;
  let build: BuildOptions;
  try {
    query = checkQuery(program.args.join(" "));
    resolveSettings(context);
    build = buildOptionsFromEnv();
  } catch (error) {
    if (!(error instanceof UnusableQueryError || error instanceof SettingsError)) throw error;
    process.stderr.write(`recipe-filters: ${printable(error.message)} (try --help)\n`);
    return EXIT.usage;
  }

  const tracing = tracingFromEnv();
  const extractor = createExtractor({ build });
  const result = await extractor.extract(query, {
    context,
    callbacks: tracing ? [tracing.tracer] : undefined,
  });
  process.stdout.write(`${options.json ? safeJson(result) : renderSummary(result)}\n`);
  if (tracing && !(await tracing.flush()))
    process.stderr.write(`recipe-filters: warning: the trace could not be sent to LangSmith within ${FLUSH_TIMEOUT_MS / 1000} s; it is lost\n`);
  return result.errors.length > 0 ? EXIT.partial : EXIT.ok;
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`recipe-filters: unexpected error: ${printable(redactSecrets(message))}\n`);
    return EXIT.unexpected;
  })
  .then((code) => {
    process.exitCode = code;
    // Exit even if an HTTP keep-alive socket or a client timer would hold the process open.
    setTimeout(() => process.exit(code), 1000).unref();
  });
