/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 that accepts what MLflow's `/v1/traces` accepts:
 * a protobuf body (Content-Type application/x-protobuf, else 400), plain or gzip, and the
 * `x-mlflow-experiment-id` header (else 400). The real OTLPTraceExporter posts to it; every
 * body is decoded with protobufjs code generated from the official opentelemetry-proto files
 * (shipped by @opentelemetry/otlp-transformer up to 0.216, installed under an alias) — an
 * independent decoder, not the exporter's own serializer read backwards.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";

const protos = createRequire(import.meta.url)("otlp-transformer-protobufjs/build/src/generated/root.js");
const { ExportTraceServiceRequest, ExportTraceServiceResponse } = protos.opentelemetry.proto.collector.trace.v1;

export const EXPERIMENT_HEADER = "x-mlflow-experiment-id";

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  events: { name: string; attributes: Record<string, AttributeValue> }[];
  /** 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  /** The resource the span came with (service.name …). */
  resource: Record<string, AttributeValue>;
  /** The experiment header of the request that brought it. */
  experimentId: string;
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The HTTP status the receiver answered. */
  status: number;
}

export interface OtlpReceiver {
  /** The base URL (what OTEL_EXPORTER_OTLP_ENDPOINT takes). */
  url: string;
  /** The traces URL (what OTEL_EXPORTER_OTLP_TRACES_ENDPOINT takes). */
  tracesUrl: string;
  spans: ReceivedSpan[];
  requests: ReceivedRequest[];
  /** Every accepted body, decompressed, as text: for scanning for secrets. */
  rawBodies: string[];
  clear(): void;
  close(): Promise<void>;
}

const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("hex");
const nanosToMs = (nanos: { toString(): string } | number) => Number(BigInt(nanos.toString()) / 1000n) / 1000;

function anyValue(value: any): AttributeValue {
  if (!value) return null;
  if (value.stringValue != null) return value.stringValue;
  if (value.boolValue != null) return value.boolValue;
  if (value.intValue != null) return Number(value.intValue.toString());
  if (value.doubleValue != null) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(anyValue);
  if (value.kvlistValue) return keyValues(value.kvlistValue.values);
  if (value.bytesValue) return hex(value.bytesValue);
  return null;
}

const keyValues = (list: any[] | undefined): Record<string, AttributeValue> =>
  Object.fromEntries((list ?? []).map((kv) => [kv.key, anyValue(kv.value)]));

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "deflate") return inflateSync(body);
  return body;
}

export async function startOtlpReceiver(
  options: { /** Answer each export this much later, like a backend across a network. */ delayMs?: number } = {},
): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];
  const rawBodies: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const reply = (status: number, body: Uint8Array | string, type: string) => {
      requests.push({ headers: req.headers, status });
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    const refuse = (status: number, message: string) =>
      reply(status, JSON.stringify({ detail: message }), "application/json");
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== "/v1/traces") return refuse(404, "not found");
    if (req.headers["content-type"]?.split(";")[0].trim() !== "application/x-protobuf")
      return refuse(400, "Invalid Content-Type: expected application/x-protobuf");
    const experimentId = req.headers[EXPERIMENT_HEADER];
    if (typeof experimentId !== "string" || experimentId === "")
      return refuse(400, `Missing required header: ${EXPERIMENT_HEADER}`);
    let request: any;
    try {
      const body = decompress(Buffer.concat(chunks), req.headers["content-encoding"]);
      request = ExportTraceServiceRequest.decode(body);
      rawBodies.push(body.toString("utf8"));
    } catch (error) {
      return refuse(400, `Invalid OpenTelemetry protobuf format: ${(error as Error).message}`);
    }
    for (const resourceSpans of request.resourceSpans ?? []) {
      const resource = keyValues(resourceSpans.resource?.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans ?? [])
        for (const span of scopeSpans.spans ?? [])
          spans.push({
            traceId: hex(span.traceId),
            spanId: hex(span.spanId),
            parentSpanId: span.parentSpanId?.length ? hex(span.parentSpanId) : undefined,
            name: span.name,
            startMs: nanosToMs(span.startTimeUnixNano),
            endMs: nanosToMs(span.endTimeUnixNano),
            attributes: keyValues(span.attributes),
            events: (span.events ?? []).map((event: any) => ({
              name: event.name,
              attributes: keyValues(event.attributes),
            })),
            status: { code: span.status?.code ?? 0, message: span.status?.message ?? "" },
            resource,
            experimentId,
          });
    }
    reply(200, ExportTraceServiceResponse.encode({}).finish(), "application/x-protobuf");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    tracesUrl: `${url}/v1/traces`,
    spans,
    requests,
    rawBodies,
    clear() {
      spans.length = 0;
      requests.length = 0;
      rawBodies.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
