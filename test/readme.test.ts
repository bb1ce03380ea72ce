// Every command the README shows (its ```sh blocks) is accounted for here: a CLI command is run
// as written (in the CLI test harness, with a local model server replaced by the stand-in) and its
// output checked; a command too heavy to run in a test (install, the whole suite, the dev server,
// the benchmark) is mapped to the script it runs and to the test or CI step that covers it. A
// command added to the README without an entry here fails, and so does an entry the README lost.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, type OpenAIStandIn, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { type CliResult, ROOT, runCli } from "./support/cli.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** The README's shell commands: each line of each ```sh block, without its trailing comment. */
const readmeCommands = (): string[] =>
  [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap(([, block]) => block.split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line && !line.startsWith("#"));

/** A command line split as a POSIX shell splits these simple ones: words, quotes, |, > and >>. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let end = -1;
  let operator = false;
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(>>|>|\|)|([^\s"'|>]+)|(\S)/g)) {
    assert.equal(m[5], undefined, `no other shell syntax: ${line}`);
    const word = m[1]?.replace(/\\(.)/g, "$1") ?? m[2] ?? m[3] ?? m[4];
    // Quoted and plain parts with no space between are one word, as in a shell.
    if (m.index === end && !operator && !m[3]) words[words.length - 1] += word;
    else words.push(word);
    end = m.index + m[0].length;
    operator = Boolean(m[3]);
  }
  return words;
}

/** A CLI invocation as the README writes it: [echo TEXT |] [VAR=value …] CLI args [> or >> file]. */
interface CliCommand {
  input?: string;
  env: Record<string, string>;
  args: string[];
  redirect?: { append: boolean; file: string };
}

const CLI_PREFIXES = [
  ["npm", "-s", "start", "--"],
  ["npx", "recipe-filters"],
];

function asCliCommand(line: string): CliCommand | undefined {
  let words = shellWords(line);
  let input: string | undefined;
  if (words[0] === "echo" && words[2] === "|") {
    input = `${words[1]}\n`;
    words = words.slice(3);
  }
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, ...value] = words[0].split("=");
    env[name] = value.join("=");
    words = words.slice(1);
  }
  const prefix = CLI_PREFIXES.find((p) => p.every((w, i) => words[i] === w));
  if (!prefix) return undefined;
  words = words.slice(prefix.length);
  let redirect: CliCommand["redirect"];
  const at = words.findIndex((w) => w === ">" || w === ">>");
  if (at >= 0) {
    assert.equal(at, words.length - 2, `one redirect, at the end: ${line}`);
    redirect = { append: words[at] === ">>", file: words[at + 1] };
    words = words.slice(0, at);
  }
  assert.ok(!words.includes("|"), `no pipe after the CLI: ${line}`);
  return { input, env, args: words, redirect };
}

/** Output meant for a program: it must be JSON exactly as written (one document, or one per line). */
const machineReadable = (args: string[]) =>
  args.includes("--json") ||
  args.includes("--batch") ||
  ["json", "sql", "databricks", "structured-query"].includes(args[args.indexOf("--format") + 1]);

function assertJsonOutput(command: CliCommand, result: CliResult) {
  const lines = result.stdout.split("\n").filter(Boolean);
  assert.ok(lines.length > 0, "it printed something");
  if (command.args.includes("--batch") || command.args.includes("--stream")) for (const line of lines) JSON.parse(line);
  else JSON.parse(result.stdout);
}

/**
 * Commands that are not run here, and what covers each: the script it runs, and the test or CI
 * step that runs that script for real. Each entry's check fails if that mapping no longer holds.
 */
const COVERED_ELSEWHERE: Record<string, () => void> = {
  "npm ci"() {
    assert.ok(existsSync(join(ROOT, "package-lock.json")));
    assert.match(PACKAGE.scripts.prepare, /npm run build/, "npm ci compiles through the prepare script");
    assert.match(read(".ci/run"), /^npm ci\b/m, ".ci/run runs it on Node 24");
  },
  "npm test"() {
    assert.ok(PACKAGE.scripts.test);
    assert.match(read(".ci/run"), /^npm test$/m, ".ci/run runs it on Node 24");
  },
  "npm run dev"() {
    assert.match(PACKAGE.scripts.dev, /scripts\/dev\.mjs/);
    assert.match(read("scripts/dev.mjs"), /langgraphjs/, "scripts/dev.mjs starts langgraphjs dev");
    assert.match(read("test/studio.e2e.test.ts"), /langgraphjs dev/, "test/studio.e2e.test.ts runs the dev server");
    assert.match(
      read("test/dev-port.e2e.test.ts"),
      /scripts\/dev\.mjs/,
      "test/dev-port.e2e.test.ts runs npm run dev's script",
    );
  },
  "npm run eval"() {
    assert.match(PACKAGE.scripts.eval, /eval\/run\.ts/);
    assert.match(read("test/eval-harness.test.ts"), /describe\("npm run eval"/, "test/eval-harness.test.ts runs it");
  },
  "npm run bench"() {
    assert.match(PACKAGE.scripts.bench, /bench\/run\.js/);
    assert.ok(existsSync(join(ROOT, "bench/run.ts")), "too slow for a test; its parts are library code the tests run");
  },
  "npm pack"() {
    assert.match(read("test/package.e2e.test.ts"), /packRepo\(/, "test/package.e2e.test.ts packs the repository");
    assert.match(read("test/support/consumer-project.ts"), /"pack"/);
  },
  [`npm install ./${PACKAGE.name}-${PACKAGE.version}.tgz`]() {
    assert.match(
      read("test/package.e2e.test.ts"),
      /installIntoFreshProject\(/,
      "test/package.e2e.test.ts installs the tarball",
    );
  },
};

/** The README's column table, as rows of trimmed cells (between its registry-table markers). */
function readmeColumnTable(): string[][] {
  const table = /<!-- registry-table -->\n([\s\S]*?)<!-- \/registry-table -->/.exec(README)?.[1];
  assert.ok(table, "the README has its registry table");
  return table
    .trim()
    .split("\n")
    .slice(2)
    .map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const OPERATOR_ORDER = ["=", "<", "<=", ">", ">=", "in"];

it("the README's column table says what the registry declares: column, unit or values, operators, range", () => {
  const expected = FILTER_TYPES.map((t) => [
    `\`${t.column}\``,
    t.values ? t.values.join(", ") : t.unit,
    OPERATOR_ORDER.filter((op) => t.operators.includes(op as never))
      .map((op) => `\`${op}\``)
      .join(" "),
    t.range ? `${t.range.min}–${t.range.max}` : "—",
  ]);
  assert.deepEqual(readmeColumnTable(), expected);
});

it("the README's example output is what the CLI prints for its query", async () => {
  const shown = JSON.parse(/```json\n([\s\S]*?)```/.exec(README)?.[1] ?? "null");
  const result = await runCli(["--json", shown.query]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), shown);
});

it("the names the README's TypeScript examples import from the package are exported by it", async () => {
  const library: Record<string, unknown> = await import("../src/index.js");
  const imported = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    [...block.matchAll(/import\s*\{([^}]*)\}\s*from\s*"recipe-filters"/g)].flatMap(([, names]) =>
      names.split(",").map((n) => n.trim().replace(/^type\s+/, "")),
    ),
  );
  assert.ok(imported.length > 0);
  assert.deepEqual(
    imported.filter((name) => !(name in library)),
    [],
  );
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

it("every relative link in the README and docs/ names a file that exists, and a heading it has", () => {
  const documents = ["README.md", "eval/README.md", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)];
  const broken = documents.flatMap((doc) =>
    [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, link]) => link)
      .filter((link) => !/^[a-z]+:/.test(link))
      .filter((link) => {
        const [path, anchor] = link.split("#");
        const target = path ? join(dirname(doc), path) : doc;
        if (!existsSync(join(ROOT, target))) return true;
        if (!anchor) return false;
        const headings = [...read(target).matchAll(/^#+ (.+)$/gm)].map(([, h]) => anchorOf(h));
        return !headings.includes(anchor);
      })
      .map((link) => `${doc}: ${link}`),
  );
  assert.deepEqual(broken, []);
});

it("the README's option list names exactly the options --help lists", async () => {
  const usage = /## The command line\n+```\n([\s\S]*?)```/.exec(README)?.[1];
  assert.ok(usage, 'the README shows the usage under "## The command line"');
  const help = await runCli(["--help"]);
  assert.equal(help.code, 0, help.stderr);
  const options = (text: string) => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g))].sort();
  const helpOptions = options(help.stdout.slice(help.stdout.indexOf("Options:"), help.stdout.indexOf("Examples:")));
  assert.deepEqual(options(usage), helpOptions);
});

it("every variable .env.example offers is explained in docs/operations.md", () => {
  const offered = [...read(".env.example").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map(([, name]) => name);
  assert.ok(offered.length > 0);
  const operations = read("docs/operations.md");
  assert.deepEqual(
    offered.filter((name) => !operations.includes(`\`${name}\``)),
    [],
  );
});

/** What a command may not do, whatever it is: npm's banner on stdout would break machine-readable output. */
it("every npm start in the README is silent (-s), so npm's banner never reaches stdout", () => {
  const loud = readmeCommands().filter((c) => /\bnpm (?!-s )(?:run )?start\b/.test(c));
  assert.deepEqual(loud, []);
});

it("every command the README shows is run here or covered by a named test", () => {
  const unaccounted = readmeCommands().filter((c) => !asCliCommand(c) && !(c in COVERED_ELSEWHERE));
  assert.deepEqual(unaccounted, []);
  const stale = Object.keys(COVERED_ELSEWHERE).filter((c) => !readmeCommands().includes(c));
  assert.deepEqual(stale, [], "entries here the README no longer shows");
});

describe("commands covered elsewhere", () => {
  for (const [command, check] of Object.entries(COVERED_ELSEWHERE)) it(command, check);
});

describe("the README's CLI commands, run as written", () => {
  let cwd: string;
  let model: OpenAIStandIn;
  before(async () => {
    // The files the batch examples read, in the working directory they run in.
    cwd = mkdtempSync(join(tmpdir(), "recipe-filters-readme-"));
    writeFileSync(
      join(cwd, "queries.jsonl"),
      ['{"query": "15分以内の主菜"}', "500円以下の副菜", "dinner for 2 under 1000 yen", ""].join("\n"),
    );
    // A local model server the README names (Ollama's URL) is played by the stand-in.
    model = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  });
  after(() => model.close());

  for (const line of readmeCommands().filter((c) => asCliCommand(c))) {
    it(line, async () => {
      const command = asCliCommand(line) as CliCommand;
      const env = Object.fromEntries(
        Object.entries(command.env).map(([name, value]) => [
          name,
          /^http:\/\/localhost:\d+\/v1$/.test(value) ? model.url : value,
        ]),
      );
      const served = model.requests.length;
      const result = await runCli(command.args, env, { cwd, input: command.input });
      assert.equal(result.code, 0, result.stderr);
      if (machineReadable(command.args)) assertJsonOutput(command, result);
      else assert.ok(result.stdout.trim(), "it printed something");
      if (env.OPENAI_BASE_URL) {
        const answer = JSON.parse(result.stdout);
        assert.equal(answer.extractor, "llm");
        assert.equal(answer.model, env.RECIPE_FILTERS_MODEL);
        assert.ok(model.requests.slice(served).every((r) => r.request.model === env.RECIPE_FILTERS_MODEL));
        assert.ok(model.requests.length > served, "the model server was asked");
      }
      if (command.redirect) {
        const file = join(cwd, command.redirect.file);
        const before = command.redirect.append && existsSync(file) ? readFileSync(file, "utf8") : "";
        writeFileSync(file, before + result.stdout);
      }
    });
  }

  it("the batch and its resume together gave every line once, numbered as in the file", () => {
    const lines = readFileSync(join(cwd, "results.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const skip = Number(/--skip (\d+)/.exec(README)?.[1]);
    assert.deepEqual(
      lines.map((l) => l.line),
      [1, 2, 3, ...[1, 2, 3].slice(skip)],
    );
  });
});
