import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-node";
import { createRedactor, type Redactor } from "../secrets/redact.js";

/**
 * A span exporter that cuts API keys out of every span before it leaves the process: an
 * upstream 401 that echoes the key ("Incorrect API key provided: sk-…") lands in the span's
 * status message, its exception event and the LLM span's output, and a key pasted into a
 * query lands in every input. Same rule as the LangSmith path's anonymizer: the configured
 * keys by value, anything key-shaped by pattern.
 */
export class RedactingSpanExporter implements SpanExporter {
  /** Built once: one pre-test regular expression over every secret (redactor.ts). */
  private readonly redactor: Redactor;

  constructor(
    private readonly inner: SpanExporter,
    secrets: readonly string[],
  ) {
    this.redactor = createRedactor(secrets);
  }

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(
      spans.map((span) => this.redactSpan(span)),
      // A failed export's error is reported (the flush warning): it is redacted like a span.
      (result) => resultCallback(result.error ? { ...result, error: this.redactError(result.error) } : result),
    );
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  private redactError(error: Error): Error {
    if (!this.redactor.mayHold(`${error.message}`)) return error;
    const redacted = new Error(this.redactor.redact(error.message));
    redacted.name = error.name;
    return redacted;
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  /**
   * The span itself when nothing in it holds a secret (one cheap pre-test per string, see
   * redactor.ts); otherwise a copy with the attributes, events, name and status redacted.
   */
  private redactSpan(span: ReadableSpan): ReadableSpan {
    const { redactor } = this;
    const name = redactor.redact(span.name);
    const attributes = redactor.redactDeep(span.attributes);
    const events = redactor.redactDeep(span.events);
    const message = span.status.message === undefined ? undefined : redactor.redact(span.status.message);
    if (
      name === span.name &&
      attributes === span.attributes &&
      events === span.events &&
      message === span.status.message
    )
      return span;
    return {
      name,
      kind: span.kind,
      spanContext: () => span.spanContext(),
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status: message === undefined ? span.status : { ...span.status, message },
      attributes,
      links: span.links,
      events,
      duration: span.duration,
      ended: span.ended,
      resource: span.resource,
      instrumentationScope: span.instrumentationScope,
      droppedAttributesCount: span.droppedAttributesCount,
      droppedEventsCount: span.droppedEventsCount,
      droppedLinksCount: span.droppedLinksCount,
    };
  }
}
