/**
 * The benchmark's stand-ins in a process of their own (started by remote-stand-ins.ts), so
 * the client CPU the benchmark measures is the client's alone: the model stand-in answers
 * like a perfect model after a set latency, the LangSmith receiver collects the runs.
 */
import { FILTER_TYPES } from "../src/filters/index.js";
import { startLangSmithReceiver } from "../stand-ins/langsmith-receiver.js";
import { answerLikeTheExtractor, startOpenAIStandIn } from "../stand-ins/openai-server.js";
import { syntheticFilterTypes } from "./synthetic-types.js";

export type StandInRequest = { id: number } & (
  | { command: "latency"; ms: number }
  | { command: "forget" }
  | { command: "runs" }
  | { command: "close" }
);

export interface RunCounts {
  runs: number;
  traces: number;
  unfinished: number;
  /** Runs per name, e.g. { ChatOpenAI: 160, cooking_time: 32 }. */
  byName: Record<string, number>;
}

let latencyMs = 0;
const answer = answerLikeTheExtractor([...FILTER_TYPES, ...syntheticFilterTypes(64)]);
// Connections stay open like a real API's; with the default 1 s almost every request opened a new one.
const server = await startOpenAIStandIn((request) => ({ ...answer(request), delayMs: latencyMs }), {
  keepAliveTimeoutMs: 60_000,
});
const receiver = await startLangSmithReceiver({ keepRawBodies: false });

function counts(): RunCounts {
  const runs = [...receiver.runs.values()];
  const byName: Record<string, number> = {};
  for (const run of runs) byName[String(run.name)] = (byName[String(run.name)] ?? 0) + 1;
  return {
    runs: runs.length,
    traces: new Set(runs.map((run) => run.trace_id ?? run.id)).size,
    unfinished: runs.filter((run) => !run.end_time).length,
    byName,
  };
}

process.on("message", async (request: StandInRequest) => {
  let reply: unknown = {};
  if (request.command === "latency") latencyMs = request.ms;
  else if (request.command === "forget") receiver.runs.clear();
  else if (request.command === "runs") reply = counts();
  else if (request.command === "close") {
    await Promise.all([server.close(), receiver.close()]);
    process.send?.({ id: request.id, reply });
    return process.disconnect();
  }
  process.send?.({ id: request.id, reply });
});
process.send?.({ id: 0, reply: { modelUrl: server.url, receiverUrl: receiver.url } });
