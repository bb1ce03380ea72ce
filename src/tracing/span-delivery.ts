/**
 * OpenTelemetry span delivery, counted — the OTel side of delivery.ts. The SDK's batch span
 * processor drops a span without a word when its queue is full and reports no count; this
 * module counts every ended span until the endpoint accepted it (or an export failed, or the
 * queue had no room), so a process can say how many traces did not arrive, and a batch can
 * wait while the backlog is large instead of overfilling the queue.
 *
 * Type-only imports: the batch runner reads the backlog without loading the SDK.
 */
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-node";

/** What a process tells its user about its OTel traces. */
export interface SpanDeliveryReport {
  /** Traces whose root span ended. */
  traces: number;
  /** Traces with at least one span the endpoint did not accept. */
  undeliveredTraces: number;
  /** Spans dropped because the processor's queue was full. */
  droppedSpans: number;
  /** Spans in exports that failed (an error status, a refused connection, a timeout). */
  failedSpans: number;
  /** Spans ended and not yet accepted or given up (queued, or in an export still running). */
  pendingSpans: number;
  /** Why the latest export failed. */
  lastFailure?: string;
}

const SAMPLED = 1;

export class SpanDelivery {
  private ended = 0;
  private handed = 0;
  private settled = 0;
  private dropped = 0;
  private failed = 0;
  private roots = 0;
  private lastFailure: string | undefined;
  /** Spans ended and not yet accepted or given up, per trace id. */
  private unsettledByTrace = new Map<string, number>();
  /** Traces that lost a span for good. */
  private lostTraces = new Set<string>();
  private failing = false;
  private waiters = new Set<() => void>();

  /**
   * @param maxQueueSize the processor's queue size, when it is a batch processor (the SDK
   * drops a span that ends while this many wait); undefined for a processor without a queue.
   */
  constructor(private readonly maxQueueSize: number | undefined) {}

  /** Spans ended and not yet accepted or given up: the backlog a batch waits on. */
  get backlog(): number {
    return this.ended - this.settled - this.dropped;
  }

  spanEnded(span: ReadableSpan): void {
    const { traceId, traceFlags } = span.spanContext();
    if ((traceFlags & SAMPLED) === 0) return;
    if (span.parentSpanContext === undefined) this.roots += 1;
    const queued = this.ended - this.handed - this.dropped;
    this.ended += 1;
    // The processor's own rule (BatchSpanProcessorBase#_addToBuffer): a full queue drops the span.
    if (this.maxQueueSize !== undefined && queued >= this.maxQueueSize) {
      this.dropped += 1;
      this.lostTraces.add(traceId);
      this.wake();
      return;
    }
    this.unsettledByTrace.set(traceId, (this.unsettledByTrace.get(traceId) ?? 0) + 1);
  }

  exportStarted(spans: readonly ReadableSpan[]): void {
    this.handed += spans.length;
  }

  exportFinished(spans: readonly ReadableSpan[], failure: string | undefined): void {
    this.settled += spans.length;
    this.failing = failure !== undefined;
    if (failure !== undefined) {
      this.failed += spans.length;
      this.lastFailure = failure;
    }
    for (const span of spans) {
      const { traceId } = span.spanContext();
      if (failure !== undefined) this.lostTraces.add(traceId);
      const left = (this.unsettledByTrace.get(traceId) ?? 1) - 1;
      if (left > 0) this.unsettledByTrace.set(traceId, left);
      else this.unsettledByTrace.delete(traceId);
    }
    this.wake();
  }

  /** Resolves once the backlog is below `limit`, or at once while exports are failing (waiting would only stall). */
  async backlogBelow(limit: number): Promise<void> {
    while (this.backlog >= limit && !this.failing) await new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  /** The count so far; spans still unsettled count as undelivered (call it after a flush). */
  report(): SpanDeliveryReport {
    const lost = new Set([...this.lostTraces, ...this.unsettledByTrace.keys()]);
    return {
      traces: Math.max(this.roots, lost.size),
      undeliveredTraces: lost.size,
      droppedSpans: this.dropped,
      failedSpans: this.failed,
      pendingSpans: this.backlog,
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
    };
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}

/** Counts each ended span on its way into the processor. */
export class CountingSpanProcessor implements SpanProcessor {
  constructor(
    private readonly inner: SpanProcessor,
    private readonly delivery: SpanDelivery,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.delivery.spanEnded(span);
    this.inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** Counts what each export carried and how it ended. */
export class CountingSpanExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly delivery: SpanDelivery,
  ) {}

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.delivery.exportStarted(spans);
    let reported = false;
    const finish: typeof resultCallback = (result) => {
      if (!reported) {
        reported = true;
        // ExportResultCode.SUCCESS is 0.
        const failure = result.code === 0 ? undefined : oneLine(result.error);
        this.delivery.exportFinished(spans, failure);
      }
      resultCallback(result);
    };
    try {
      this.inner.export(spans, finish);
    } catch (error) {
      finish({ code: 1, error: error as Error });
    }
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function oneLine(error: Error | undefined): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return (cause ?? error?.message ?? "export failed").replace(/\s+/g, " ").trim().slice(0, 200);
}

/**
 * The deliveries of the OpenTelemetry tracing running in this process. OTel instruments
 * LangChain process-wide, so its backlog is process-wide too: a batch started anywhere in the
 * process waits on it (see extractor/batch.ts).
 */
const active = new Set<SpanDelivery>();

export const registerSpanDelivery = (delivery: SpanDelivery) => active.add(delivery);
export const unregisterSpanDelivery = (delivery: SpanDelivery) => active.delete(delivery);

/** Resolves once every running OTel tracing has fewer than `limit` spans waiting to leave. */
export async function spanBacklogBelow(limit: number): Promise<void> {
  for (const delivery of active) if (delivery.backlog >= limit) await delivery.backlogBelow(limit);
}
