/** While a traced batch's backlog drains at the end: one self-overwriting stderr line on a terminal. */
import type { Writable } from "node:stream";
import type { TraceDelivery } from "../tracing/delivery.js";

let shown = false;

export function showTraceProgress(stderr: Writable, delivery: TraceDelivery, finished: boolean): void {
  if (finished) {
    // Ends the line, so what follows (a warning) starts clean.
    if (shown) stderr.write("\n");
    shown = false;
    return;
  }
  shown = true;
  stderr.write(`\r\x1b[Krecipe-filters: sending traces to LangSmith: ${delivery.handedOver} of ${delivery.started}`);
}
