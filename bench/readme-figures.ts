/**
 * The README's performance figures, rendered from bench/results.json (never typed by hand):
 * one Markdown table per section, baseline and HEAD side by side with their ratio, and the
 * run each section comes from. `node dist/bench/readme-figures.js [results.json] > figures.md`,
 * or `… --into docs/performance.md` to replace the block between the figure markers there.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildRoot } from "./build-root.js";
import { type ResultsFile, readResults } from "./results-file.js";

const TITLES: Record<string, string> = {
  gate: "Model calls and tokens over the eval dataset (perfect-model stand-in)",
  coldstart: "Cold start, one offline query (no key)",
  search: "Catalog search: cold --search, index build, ranked search per query",
  fanout: "Graph ÷ Promise.all floor (one query at a time)",
  cpu: "Client CPU per query (concurrency 32)",
  tracing: "LangSmith tracing on ÷ off",
  otel: "OpenTelemetry tracing",
  batch: "Batch throughput",
  tokens: "Prompt tokens for the bench query",
  offline: "Offline throughput",
  profile: "Traced CPU by package",
  tracedbatch: "Traced batch through the CLI",
};

const format = (n: number | undefined) => {
  if (n === undefined || !Number.isFinite(n)) return "n/a";
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
};

export function renderFigures(results: ResultsFile): string {
  const out: string[] = [
    `Measured with \`npm run bench\` on ${results.machine.cpus} cores (${results.machine.cpu}), Node ${results.machine.node}: HEAD ${results.head.commit.slice(0, 7)}${results.head.dirty ? " (uncommitted changes)" : ""} against the baseline ${results.baseline.commit.slice(0, 7)} in the same run.`,
  ];
  for (const [name, s] of Object.entries(results.sections)) {
    out.push(
      "",
      `#### ${TITLES[name] ?? name}`,
      "",
      `<sub>${s.measuredAt.slice(0, 16).replace("T", " ")} UTC${s.headCommit ? `, HEAD ${s.headCommit.slice(0, 7)}` : ""}, load average ${s.loadAverage.join(" ")}, medians of ${s.rounds} round${s.rounds > 1 ? "s" : ""} per build</sub>`,
      "",
    );
    if (s.baseline) {
      out.push("| | baseline | HEAD | HEAD ÷ baseline |", "|---|---:|---:|---:|");
      for (const figure of Object.keys(s.head))
        out.push(
          `| ${figure} | ${format(s.baseline[figure])} | ${format(s.head[figure])} | ${format(s.ratio?.[figure])} |`,
        );
    } else {
      out.push("| | HEAD |", "|---|---:|");
      for (const figure of Object.keys(s.head)) out.push(`| ${figure} | ${format(s.head[figure])} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** The markers around the rendered figures in a Markdown page. */
export const FIGURES_START = "<!-- bench figures: rendered by bench/readme-figures.ts from bench/results.json -->";
export const FIGURES_END = "<!-- end of bench figures -->";

/** Markdown tables compared cell by cell: a formatter's column alignment aside. */
export const withoutTableAlignment = (text: string) =>
  text
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
            .split("|")
            .map((cell) => cell.trim().replace(/^:?-+:?$/, "-"))
            .join("|")
        : line,
    )
    .join("\n");

/** The page's text with the block between the markers replaced by `figures`. */
export function withFigures(page: string, figures: string): string {
  const start = page.indexOf(FIGURES_START);
  const end = page.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`the page has no "${FIGURES_START}" … "${FIGURES_END}" block`);
  return `${page.slice(0, start + FIGURES_START.length)}\n\n${figures}\n${page.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const into = args.includes("--into") ? args[args.indexOf("--into") + 1] : undefined;
  const path = args.find((a, i) => a !== "--into" && args[i - 1] !== "--into") ?? "bench/results.json";
  const results = readResults(path);
  if (!results) {
    console.error(`readme-figures: ${path} has no side-by-side results; run npm run bench first`);
    process.exit(2);
  }
  if (into) {
    writeFileSync(into, withFigures(readFileSync(into, "utf8"), renderFigures(results)));
    // The page is formatted as the linter formats Markdown (tables aligned).
    spawnSync(
      process.execPath,
      [join(buildRoot(), "node_modules", "@biomejs", "biome", "bin", "biome"), "format", "--write", into],
      {
        stdio: "inherit",
      },
    );
  } else process.stdout.write(renderFigures(results));
}
