// Usage: node --import tsx .scratch/thread-demo.mts <repo root>
import { Client } from "@langchain/langgraph-sdk";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { FILTER_TYPES } from "../src/filters/index.ts";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.ts";
const root = process.argv[2];
const s = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
const dir = mkdtempSync(join(tmpdir(), "thread-demo-"));
writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ node_version: "20", dependencies: [root], graphs: { recipe_filters: `${relative(dir, root)}/graphs/recipe-filters.ts:graph` } }));
const port = 20000 + Math.floor(Math.random() * 20000);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|RECIPE_FILTERS_|LANGSMITH_|LANGCHAIN_)/.test(k)));
const child = spawn(join(root, "node_modules/.bin/langgraphjs"), ["dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--no-reload", "--config", dir], { cwd: dir, detached: true, env: { ...env, OPENAI_BASE_URL: s.url, LANGGRAPH_CLI_NO_ANALYTICS: "1", BROWSER: "none" }, stdio: "ignore" });
const url = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(`${url}/ok`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 300)); }
const client = new Client({ apiUrl: url });
const thread = await client.threads.create();
for (const query of ["10分以内に500円未満で作れる副菜教えて", "500円で10分以内の主菜", "dinner in under 20 minutes for less than 1000 yen"]) {
  const v: any = await client.runs.wait(thread.thread_id, "recipe_filters", { input: { query }, context: { extractor: "llm", baseUrl: s.url } });
  const short = (f: any) => `${f.column} ${f.operator} ${f.value}`;
  console.log(`\n${query}\n  keys: ${Object.keys(v).join(", ")}\n  filters: ${v.filters?.map(short).join("; ")}\n  warnings: ${v.warnings?.map((w: any) => (w.filter ? short(w.filter) + " " : "") + w.message).join(" | ") || "none"}\n  contradictions: ${v.contradictions?.length ?? 0}`);
}
for (const query of ["", "\u200b\u2060"]) {
  s.requests.length = 0;
  const v: any = await client.runs.wait(null, "recipe_filters", { input: { query }, context: { extractor: "llm", baseUrl: s.url }, raiseError: false });
  console.log(`\n${JSON.stringify(query)} -> ${JSON.stringify(v.__error__ ?? { filters: v.filters })}; model calls: ${s.requests.length}`);
}
{
  const evil = await startOpenAIStandIn(answerLikeTheExtractor(FILTER_TYPES));
  const v: any = await client.runs.wait(null, "recipe_filters", { input: { query: "10分以内" }, context: { extractor: "llm", baseUrl: evil.url }, raiseError: false });
  console.log(`\ncontext baseUrl = another server -> ${JSON.stringify(v.__error__ ?? { filters: v.filters })}; requests to it: ${evil.requests.length}`);
  await evil.close();
}
process.kill(-child.pid!, "SIGKILL");
await s.close();
process.exit(0);
