import { EventEmitter } from "node:events";

/**
 * Room for one abort listener per parallel branch. LangGraph 1.7 hands every task of a
 * superstep the same AbortSignal, made inside its runner (PregelRunner.tick), and each
 * branch adds one listener to it while it runs (the per-node timeout's signal combination;
 * without a timeout, RunnableSequence's race does the same). Past 10 listeners on one
 * EventTarget Node prints MaxListenersExceededWarning — a leak heuristic, not a leak: each
 * listener goes when its attempt ends. That signal is never reachable from this project, so
 * the limit is raised where new signals take it from, Node's default for new event targets;
 * never lowered, and left alone when it is unlimited (0). It is process-wide, so the library
 * never calls it: the Studio entry does (its process is its own; the CLI runs the built-in
 * registry, which stays under Node's default), and a library caller may opt in. With @langchain/langgraph 1.7.3, 24 branches without it raised no warning
 * (test/max-listeners.test.ts runs 16 without it). Upstream: langchain-ai/langgraphjs#1014.
 */
export function allowAbortListenersFor(parallelBranches: number): void {
  // Plus the runner's own listener and one a caller's signal may add.
  const needed = parallelBranches + 2;
  const current = EventEmitter.defaultMaxListeners;
  if (current !== 0 && Number.isFinite(current) && current < needed) EventEmitter.defaultMaxListeners = needed;
}
