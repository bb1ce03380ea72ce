/**
 * The README's performance figures, rendered from bench/results.json (never typed by hand):
 * one Markdown table per section, baseline and HEAD side by side with their ratio, and the
 * run each section comes from. `node dist/bench/readme-figures.js [results.json] > figures.md`
 */
import { fileURLToPath } from "node:url";
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2] ?? "bench/results.json";
  const results = readResults(path);
  if (!results) {
    console.error(`readme-figures: ${path} has no side-by-side results; run npm run bench first`);
    process.exit(2);
  }
  process.stdout.write(renderFigures(results));
}
