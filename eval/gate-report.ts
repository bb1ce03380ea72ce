/**
 * What the answer gate (src/filters/answer-gate.ts) does on a dataset, for the `llm` report:
 * the branch calls it answers without the model, the labelled filters it would lose (must be
 * 0), and an estimate of the prompt tokens saved (each gated call's system prompt, answer
 * schema and query, o200k_base). The latency effect is the bench's (bench/gate.ts).
 */
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { z } from "zod";
import { answerGate } from "../src/filters/answer-gate.js";
import type { FilterType } from "../src/filters/filter-type.js";
import type { EvalCase } from "./dataset.js";

export interface GateReport {
  branchCalls: number;
  gated: number;
  gatedShare: number;
  /** Gated branches whose case labels a filter on their column: filters the gate loses. */
  lostFilters: number;
  promptTokensSavedEstimate: number;
  promptTokensSavedPerQuery: number;
}

export function gateReport(cases: readonly EvalCase[], registry: readonly FilterType<any>[]): GateReport {
  const encoding = new Tiktoken(o200kBase);
  const staticTokens = new Map(
    registry.map((t) => [
      t,
      encoding.encode(t.prompt).length + encoding.encode(JSON.stringify(z.toJSONSchema(t.answerSchema))).length,
    ]),
  );
  let gated = 0;
  let lostFilters = 0;
  let saved = 0;
  for (const c of cases)
    for (const type of registry) {
      if (answerGate(type, registry)(c.query).ask) continue; // read beside the registry, as the branch does
      gated++;
      saved += (staticTokens.get(type) ?? 0) + encoding.encode(c.query).length;
      if (c.filters.some((f) => f.column === type.column)) lostFilters++;
    }
  const branchCalls = cases.length * registry.length;
  return {
    branchCalls,
    gated,
    gatedShare: branchCalls ? gated / branchCalls : 0,
    lostFilters,
    promptTokensSavedEstimate: saved,
    promptTokensSavedPerQuery: cases.length ? saved / cases.length : 0,
  };
}
