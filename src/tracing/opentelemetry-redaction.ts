import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter, TimedEvent } from "@opentelemetry/sdk-trace-node";
import { redactSecrets } from "../secrets/redact.js";

/**
 * A span exporter that cuts API keys out of every span before it leaves the process: an
 * upstream 401 that echoes the key ("Incorrect API key provided: sk-…") lands in the span's
 * status message, its exception event and the LLM span's output, and a key pasted into a
 * query lands in every input. Same rule as the LangSmith path's anonymizer: the configured
 * keys by value, anything key-shaped by pattern.
 */
export class RedactingSpanExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly secrets: readonly string[],
  ) {}

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(
      spans.map((span) => this.redactSpan(span)),
      resultCallback,
    );
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private text = (text: string) => redactSecrets(text, this.secrets);

  private value = (value: AttributeValue | undefined): AttributeValue | undefined => {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value))
      return value.map((item) => (typeof item === "string" ? this.text(item) : item)) as AttributeValue;
    return value;
  };

  private attributes = (attributes: Attributes | undefined): Attributes | undefined =>
    attributes && Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, this.value(value)]));

  private redactSpan(span: ReadableSpan): ReadableSpan {
    const events: TimedEvent[] = span.events.map((event) => ({
      ...event,
      name: this.text(event.name),
      attributes: this.attributes(event.attributes),
    }));
    return {
      name: this.text(span.name),
      kind: span.kind,
      spanContext: () => span.spanContext(),
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status:
        span.status.message === undefined ? span.status : { ...span.status, message: this.text(span.status.message) },
      attributes: this.attributes(span.attributes) ?? {},
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
