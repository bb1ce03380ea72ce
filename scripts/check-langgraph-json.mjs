#!/usr/bin/env node
import { spawnSync } from "node:child_process";
// lint:langgraph-json — every graph langgraph.json names must exist and export a compiled
// graph, and the env file it names must exist. Run with tsx so .ts entry points load.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const config = JSON.parse(readFileSync(join(root, "langgraph.json"), "utf8"));
const problems = [];
if (typeof config.env === "string" && !existsSync(join(root, config.env)))
  problems.push(`env file ${config.env} does not exist`);
const graphs = Object.entries(config.graphs ?? {});
if (graphs.length === 0) problems.push("langgraph.json names no graphs");

if (process.argv[2] === "--child") {
  // In a tsx child: import each entry and check what it exports.
  for (const [id, spec] of graphs) {
    const [file, exportName = "default"] = spec.split(":");
    const path = join(root, file);
    if (!existsSync(path)) {
      problems.push(`${id}: ${file} does not exist`);
      continue;
    }
    const mod = await import(pathToFileURL(path).href);
    // An export may be the compiled graph or a factory the server calls with (config, runtime).
    const exported = mod[exportName];
    const graph =
      typeof exported === "function" ? await exported({ configurable: {} }, { executionRuntime: null }) : exported;
    if (!graph || typeof graph.invoke !== "function" || typeof graph.getGraph !== "function")
      problems.push(`${id}: ${file} does not export a compiled graph named ${exportName}`);
  }
  if (problems.length) {
    console.error(problems.map((p) => `langgraph.json: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`langgraph.json: ${graphs.length} graph(s) OK`);
} else {
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child"], {
    stdio: "inherit",
    cwd: root,
  });
  process.exit(child.status ?? 1);
}
