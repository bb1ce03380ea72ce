/**
 * The model calls a query costs over the whole eval dataset, with the perfect-model stand-in:
 * branch calls per query (and the share of branches answered without one: the gate),
 * prompt and answer tokens per query, filters lost (a labelled column whose branch asked no
 * model), and what it does to latency and CPU with every call taking L ms. Implementation-
 * blind: it counts the requests the model stand-in receives, so it measures any build.
 */
import { readFileSync } from "node:fs";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import pMap from "p-map";
import { createExtractor } from "../src/extractor/extractor.js";
import { FILTER_TYPES } from "../src/filters/index.js";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { asRegistry } from "./build-api.js";
import { median } from "./stats.js";

const encoding = new Tiktoken(o200kBase);
const count = (text: string) => encoding.encode(text).length;
/** OpenAI's chat accounting: 3 tokens around each message (system, user), 3 to prime the reply. */
const OVERHEAD = 3 + 3 + 3;

interface DatasetCase {
  query: string;
  filters: { column: string }[];
}

export interface GateReport {
  queries: number;
  branches: number;
  modelCallsPerQuery: number;
  /** Share of branch calls answered without the model. */
  gatedShare: number;
  promptTokensPerQuery: number;
  answerTokensPerQuery: number;
  /** (query, column) pairs whose label has a filter but whose branch asked no model. */
  lostFilters: number;
  lostExamples: string[];
  /** Queries answered with no model call at all. */
  queriesWithoutModel: number;
  latencyMs: number;
  /** Per query, at `concurrency` queries in flight: mean and median wall, CPU. */
  meanMsPerQuery: number;
  medianMsPerQuery: number;
  cpuMsPerQuery: number;
  failedQueries: number;
}

export function loadCases(path: string): DatasetCase[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

const schemaOf = (body: any): unknown => body.response_format?.json_schema ?? body.tools?.[0]?.function ?? {};

export async function measureGate(options: {
  datasetPath: string;
  latencyMs: number;
  concurrency: number;
}): Promise<GateReport> {
  const cases = loadCases(options.datasetPath);
  const answer = answerLikeTheExtractor(FILTER_TYPES);
  const server = await startOpenAIStandIn((request) => ({ ...answer(request), delayMs: options.latencyMs }), {
    keepAliveTimeoutMs: 60_000,
  });
  try {
    const extractor = createExtractor({ registry: asRegistry(FILTER_TYPES) });
    const context = { extractor: "llm" as const, baseUrl: server.url };
    await pMap(cases.slice(0, options.concurrency), (c) => extractor.extract(c.query, { context })); // warm-up
    server.requests.length = 0;
    let failedQueries = 0;
    const wall: number[] = [];
    const cpuStart = process.cpuUsage();
    await pMap(
      cases,
      async (c) => {
        const start = performance.now();
        const result = await extractor.extract(c.query, { context }).catch(() => undefined);
        wall.push(performance.now() - start);
        if (!result || result.errors.length) failedQueries++;
      },
      { concurrency: options.concurrency },
    );
    const cpu = process.cpuUsage(cpuStart);
    const requests = server.requests.map((r) => r.request);
    // Which answer names each query asked the model for (the user message ends with the query).
    const asked = new Map<string, Set<string>>();
    const queries = new Set(cases.map((c) => c.query));
    // Longest first: "簡単な副菜" is not "副菜"'s request.
    const bySuffix = [...queries].sort((a, b) => b.length - a.length);
    for (const r of requests) {
      const query = queries.has(r.user) ? r.user : (bySuffix.find((q) => r.user.trimEnd().endsWith(q)) ?? r.user);
      const set = asked.get(query) ?? new Set<string>();
      set.add(String(r.schemaName));
      asked.set(query, set);
    }
    let lostFilters = 0;
    const lostExamples: string[] = [];
    for (const c of cases)
      for (const type of FILTER_TYPES)
        if (c.filters.some((f) => f.column === type.column) && !asked.get(c.query)?.has(type.answerName)) {
          lostFilters++;
          if (lostExamples.length < 10) lostExamples.push(`${type.column}: ${c.query}`);
        }
    let prompt = 0;
    let answerTokens = 0;
    for (const r of requests) {
      const tokens = count(r.system) + count(r.user) + count(JSON.stringify(schemaOf(r.body))) + OVERHEAD;
      prompt += tokens;
      const type = FILTER_TYPES.find((t) => t.answerName === r.schemaName);
      if (type) answerTokens += count(JSON.stringify(type.toAnswer(type.extractOffline(r.user, FILTER_TYPES))));
    }
    const n = cases.length;
    return {
      queries: n,
      branches: FILTER_TYPES.length,
      modelCallsPerQuery: requests.length / n,
      gatedShare: 1 - requests.length / (n * FILTER_TYPES.length),
      promptTokensPerQuery: prompt / n,
      answerTokensPerQuery: answerTokens / n,
      lostFilters,
      lostExamples,
      queriesWithoutModel: cases.filter((c) => !asked.has(c.query)).length,
      latencyMs: options.latencyMs,
      meanMsPerQuery: wall.reduce((a, b) => a + b, 0) / n,
      medianMsPerQuery: median(wall),
      cpuMsPerQuery: (cpu.user + cpu.system) / 1000 / n,
      failedQueries,
    };
  } finally {
    await server.close();
  }
}
