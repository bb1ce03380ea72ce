/**
 * Reading what the OTLP receiver got as trees: one per trace id, checked for wholeness (one
 * root, no orphan, every span ended), and reduced to name paths so a LangSmith run tree, the
 * local --trace view and the OTel spans can be compared as the same tree.
 */
import type { ReceivedSpan } from "../../stand-ins/otlp-receiver.js";

export interface SpanTrees {
  traces: Map<string, ReceivedSpan[]>;
  roots: ReceivedSpan[];
  /** Spans whose parent was never received, or sits in another trace. */
  orphans: ReceivedSpan[];
  unfinished: ReceivedSpan[];
}

export function spanTrees(spans: readonly ReceivedSpan[]): SpanTrees {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const traces = new Map<string, ReceivedSpan[]>();
  for (const span of spans) traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
  return {
    traces,
    roots: spans.filter((span) => !span.parentSpanId),
    orphans: spans.filter((span) => span.parentSpanId && byId.get(span.parentSpanId)?.traceId !== span.traceId),
    unfinished: spans.filter((span) => !(span.endMs > 0 && span.endMs >= span.startMs)),
  };
}

export function describeTrees(trees: SpanTrees): string {
  const names = (spans: ReceivedSpan[]) => spans.map((span) => span.name).join(", ") || "none";
  return `${trees.traces.size} traces, ${trees.roots.length} roots; orphans: ${names(trees.orphans)}; unfinished: ${names(trees.unfinished)}`;
}

/** The chain of ancestors, nearest first. */
export function ancestors(span: ReceivedSpan, spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  for (
    let s = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
    s;
    s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined
  )
    chain.push(s);
  return chain;
}

/** Any tree of named nodes with parent links, as sorted "root/child/grandchild" paths. */
export function namePaths<T>(
  nodes: readonly T[],
  id: (node: T) => string,
  parent: (node: T) => string | undefined,
  name: (node: T) => string,
): string[] {
  const byId = new Map(nodes.map((node) => [id(node), node]));
  const path = (node: T): string => {
    const up = parent(node);
    const above = up ? byId.get(up) : undefined;
    return above ? `${path(above)}/${name(node)}` : name(node);
  };
  return nodes.map(path).sort();
}

export const spanPaths = (spans: readonly ReceivedSpan[]) =>
  namePaths(
    spans,
    (s) => s.spanId,
    (s) => s.parentSpanId,
    (s) => s.name,
  );
