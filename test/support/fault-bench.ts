/**
 * The fault matrix's bench: the stand-in (fault on the cost branch) and the LangSmith receiver
 * for one test file, plus the two checks every fault case makes — the outcome and the trace.
 */
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { type LangSmithReceiver, startLangSmithReceiver } from "../../stand-ins/langsmith-receiver.js";
import { type OpenAIStandIn, type Reply, type RequestLog, startOpenAIStandIn } from "../../stand-ins/openai-server.js";
import { checkTraces, describeCompleteness } from "../../stand-ins/received-traces.js";
import {
  FAILING_BRANCH,
  type FaultCase,
  faultOnCostBranch,
  isFailingBranchRequest,
  SURVIVING_FILTER,
} from "./fault-cases.js";

export interface FaultBench {
  readonly server: OpenAIStandIn;
  readonly receiver: LangSmithReceiver;
  /** Sets the cost branch's fault for the next query, and forgets what both servers saw so far. */
  startCase(fault: Reply): void;
  /** The cost branch's requests the server saw: one per attempt. */
  attempts(): RequestLog[];
}

/** Registers before/after hooks in the calling test file. */
export function useFaultBench(): FaultBench {
  let fault: Reply = { status: 503 };
  let server: OpenAIStandIn;
  let receiver: LangSmithReceiver;
  before(async () => {
    server = await startOpenAIStandIn(faultOnCostBranch(() => fault));
    receiver = await startLangSmithReceiver();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });
  return {
    get server() {
      return server;
    },
    get receiver() {
      return receiver;
    },
    startCase(next) {
      fault = next;
      server.requests.length = 0;
      receiver.runs.clear();
    },
    attempts: () => server.requests.filter((r) => isFailingBranchRequest(r.request)),
  };
}

/** The surviving filter, and exactly one error record of the case's kind for the failing branch. */
export function assertIsolatedFailure(
  result: { filters: unknown[]; errors: { branch: string; kind: string; message: string }[] },
  c: FaultCase,
): void {
  assert.deepEqual(result.filters, [SURVIVING_FILTER]);
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  const [error] = result.errors;
  assert.deepEqual([error.branch, error.kind], [FAILING_BRANCH, c.kind], error.message);
  assert.match(error.message, c.message);
}

/** One whole trace (no orphan, no open run) with one errored branch run per failed attempt. */
export function assertCompleteTrace(receiver: LangSmithReceiver, failedAttempts: number): void {
  const completeness = checkTraces(receiver.runs.values());
  const summary = describeCompleteness(completeness);
  assert.equal(completeness.traces, 1, summary);
  assert.deepEqual(
    [completeness.orphans.length, completeness.unfinished.length, completeness.badRoots.length],
    [0, 0, 0],
    summary,
  );
  const failed = [...receiver.runs.values()].filter((run) => run.name === FAILING_BRANCH);
  assert.equal(failed.length, failedAttempts, "one branch run per attempt");
  assert.ok(
    failed.every((run) => typeof run.error === "string" && run.error.length > 0),
    "every failed attempt carries its error",
  );
}
