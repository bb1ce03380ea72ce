/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for tests and the benchmark.
 * The real ChatOpenAI client talks to it over HTTP. It speaks the three shapes ChatOpenAI
 * uses for structured output: `response_format: json_schema`, tool calls, and `stream: true`
 * (SSE) for both. What it answers is decided per request by a `respond` function.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip } from "node:zlib";
import type { FilterType } from "../src/filters/filter-type.js";
import { searchTerms } from "../src/search/search-terms.js";

export interface ChatRequest {
  /** The structured-output name: json_schema name or the first tool's name. */
  schemaName: string | undefined;
  /** "json_schema" | "tools" | "plain" */
  shape: "json_schema" | "tools" | "plain";
  stream: boolean;
  model: string;
  system: string;
  user: string;
  body: any;
  headers: IncomingMessage["headers"];
}

/** What the server does with one request. */
export type Reply =
  | { json: unknown; delayMs?: number; chunkChars?: number } // a structured answer in the request's shape
  | { content: string; delayMs?: number; finishReason?: "length"; chunkChars?: number } // raw text (malformed JSON, empty, cut off …)
  | { refusal: string; delayMs?: number; chunkChars?: number }
  /** A body of `bytes` bytes (or an endless one) that is not a completion, sent as fast as the client reads; gzip-encoded when asked. */
  | { flood: number | "endless"; gzip?: boolean }
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { hang: true } // never answers
  | { reset: true; delayMs?: number }; // destroys the socket

export interface RequestLog {
  request: ChatRequest;
  startedAt: number;
  endedAt?: number;
  /** The client closed the connection before the server finished its answer (e.g. a timeout aborted the request). */
  abortedByClient?: boolean;
}

export interface OpenAIStandIn {
  url: string; // base URL, ends with /v1
  requests: RequestLog[];
  /** Every text `POST /v1/embeddings` was asked to embed, in order. */
  embedded: string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === "string" ? p : (p?.text ?? ""))).join("");
  return "";
}

function parseRequest(body: any, headers: IncomingMessage["headers"]): ChatRequest {
  const messages: any[] = body.messages ?? [];
  const rf = body.response_format;
  const tool = body.tools?.[0]?.function;
  return {
    schemaName: rf?.type === "json_schema" ? rf.json_schema?.name : tool?.name,
    shape: rf?.type === "json_schema" ? "json_schema" : tool ? "tools" : "plain",
    stream: body.stream === true,
    model: body.model,
    system: messages
      .filter((m) => m.role === "system" || m.role === "developer")
      .map((m) => textOf(m.content))
      .join("\n"),
    user: messages
      .filter((m) => m.role === "user")
      .map((m) => textOf(m.content))
      .join("\n"),
    body,
    headers,
  };
}

function completion(req: ChatRequest, message: Record<string, unknown>, finish: string) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: [
      { index: 0, message: { role: "assistant", content: null, ...message }, logprobs: null, finish_reason: finish },
    ],
    usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Writes an answer in the shape the request asked for, streamed or not. */
function answer(
  res: ServerResponse,
  req: ChatRequest,
  reply: { json?: unknown; content?: string; refusal?: string; finishReason?: "length"; chunkChars?: number },
) {
  const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? "");
  const asTool = req.shape === "tools" && reply.refusal === undefined;
  const toolCall = { id: "call_1", type: "function", function: { name: req.schemaName, arguments: text } };
  if (!req.stream) {
    const message =
      reply.refusal !== undefined
        ? { refusal: reply.refusal }
        : asTool
          ? { tool_calls: [toolCall] }
          : { content: text };
    return sendJson(res, 200, completion(req, message, reply.finishReason ?? (asTool ? "tool_calls" : "stop")));
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const base = {
    id: "chatcmpl-stream",
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: req.model,
  };
  const chunk = (delta: unknown, finish: string | null = null) =>
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`,
    );
  chunk({ role: "assistant", content: "" });
  // Two halves by default; `chunkChars` cuts the text into many small deltas, as real models stream.
  const pieces = (value: string) => {
    const size = reply.chunkChars ?? Math.max(1, Math.ceil(value.length / 2));
    const out: string[] = [];
    for (let i = 0; i < value.length; i += size) out.push(value.slice(i, i + size));
    return out.length > 0 ? out : [""];
  };
  if (reply.refusal !== undefined) for (const piece of pieces(reply.refusal)) chunk({ refusal: piece });
  else if (asTool) {
    for (const [i, piece] of pieces(text).entries()) {
      const call =
        i === 0
          ? { index: 0, id: toolCall.id, type: "function", function: { name: req.schemaName, arguments: piece } }
          : { index: 0, function: { arguments: piece } };
      chunk({ tool_calls: [call] });
    }
  } else for (const piece of pieces(text)) chunk({ content: piece });
  chunk({}, reply.finishReason ?? (asTool ? "tool_calls" : "stop"));
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 } })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
}

/** Writes `bytes` bytes of padding (or without end) as fast as the client takes them; gzip-encoded when asked. */
function flood(res: ServerResponse, bytes: number | "endless", gzip: boolean) {
  const block = Buffer.alloc(64 * 1024, 0x20);
  res.writeHead(200, { "content-type": "application/json", ...(gzip ? { "content-encoding": "gzip" } : {}) });
  const out: NodeJS.WritableStream = gzip ? createGzip() : res;
  if (gzip) (out as ReturnType<typeof createGzip>).pipe(res);
  let left = bytes === "endless" ? Number.POSITIVE_INFINITY : bytes;
  const write = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      if (!out.write(piece)) return void out.once("drain", write);
    }
    if (!res.destroyed) out.end();
  };
  res.on("close", () => {
    left = 0;
    if (out !== res) (out as ReturnType<typeof createGzip>).destroy();
  });
  write();
}

export interface StandInOptions {
  /**
   * How long an idle connection stays open. The default, 1 s, makes the client (undici keeps
   * a 1 s safety margin below the server's hint) open a new connection for almost every
   * request. The benchmark keeps connections alive like a real API (60 s), in a process of its
   * own: in the client's process, with tracing on, a few fresh connections stalled until the
   * attempt timeout (7–15 of 1,000 requests in test/load.test.ts) — not yet understood.
   */
  keepAliveTimeoutMs?: number;
}

export async function startOpenAIStandIn(
  respond: (req: ChatRequest) => Reply | Promise<Reply>,
  options: StandInOptions = {},
): Promise<OpenAIStandIn> {
  const requests: RequestLog[] = [];
  const embedded: string[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer(async (incoming, res) => {
    const chunks: Buffer[] = [];
    // A client that gives up early (a short attempt timeout on a busy machine) may close the
    // connection before this handler has read the request: it is still logged, as aborted.
    let readAborted = false;
    try {
      for await (const c of incoming) chunks.push(c as Buffer);
    } catch {
      readAborted = true;
    }
    if (incoming.method === "GET" && incoming.url?.endsWith("/models"))
      return sendJson(res, 200, { object: "list", data: [] });
    if (incoming.method === "POST" && incoming.url?.endsWith("/embeddings"))
      return embeddingsReply(res, chunks, embedded);
    if (incoming.method !== "POST" || !incoming.url?.endsWith("/chat/completions"))
      return sendJson(res, 404, { error: { message: "not found" } });
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return sendJson(res, 400, { error: { message: "invalid JSON body" } });
    }
    const request = parseRequest(body, incoming.headers);
    const log: RequestLog = { request, startedAt: performance.now() };
    requests.push(log);
    if (readAborted || res.destroyed) {
      log.endedAt = log.startedAt;
      log.abortedByClient = true;
      return;
    }
    let resetting = false;
    res.on("close", () => {
      log.endedAt ??= performance.now();
      if (!res.writableEnded && !resetting) log.abortedByClient = true;
    });
    const reply = await respond(request);
    if ("hang" in reply) return; // the client must time out on its own
    if ("delayMs" in reply && reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed) return;
    if ("reset" in reply) {
      resetting = true;
      return incoming.socket.destroy();
    }
    log.endedAt = performance.now();
    if ("status" in reply)
      return sendJson(res, reply.status, reply.body ?? { error: { message: `status ${reply.status}` } }, reply.headers);
    if ("flood" in reply) return flood(res, reply.flood, reply.gzip ?? false);
    answer(res, request, reply);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embedded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A responder that answers like a well-behaved model: it finds the filter type by the
 * structured-output name and answers, in that type's own schema, with the type's offline
 * extraction of the query — each condition quoting, as its `evidence`, the words the offline
 * grammar read it from (the type's `toAnswer`), in whichever shape the request asked for.
 */
export function answerLikeTheExtractor(
  registry: readonly Pick<FilterType<any>, "answerName" | "extractOffline" | "toAnswer" | "column" | "quantity">[],
  options: {
    delayMs?: number /** Latency per structured-output name, e.g. a slow and a fast branch. */;
    delayMsBySchema?: Record<string, number>;
  } = {},
): (req: ChatRequest) => Reply {
  return (req) => {
    const type = registry.find((t) => t.answerName === req.schemaName);
    if (!type) return { status: 400, body: { error: { message: `unknown schema ${req.schemaName}` } } };
    return {
      json: type.toAnswer(type.extractOffline(req.user, registry)),
      delayMs: options.delayMsBySchema?.[type.answerName] ?? options.delayMs,
    };
  };
}

/** How many dimensions the stand-in's embeddings have. */
export const STAND_IN_EMBEDDING_DIMENSIONS = 64;

/**
 * A deterministic embedding for tests: the text's search terms hashed into a unit vector, so
 * texts that share words are near each other (a real model's semantics are not imitated).
 */
export function standInEmbedding(text: string): number[] {
  const vector = new Array<number>(STAND_IN_EMBEDDING_DIMENSIONS).fill(0);
  for (const term of searchTerms(text)) {
    let hash = 2166136261;
    for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 16777619);
    vector[(hash >>> 0) % STAND_IN_EMBEDDING_DIMENSIONS] += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

/** `POST /v1/embeddings`: each input's stand-in embedding, as floats or base64 (the SDK's default) as asked. */
function embeddingsReply(res: ServerResponse, chunks: Buffer[], embedded: string[]) {
  let body: any;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return sendJson(res, 400, { error: { message: "invalid JSON body" } });
  }
  const inputs: unknown[] = Array.isArray(body.input) ? body.input : [body.input];
  if (inputs.some((i) => typeof i !== "string"))
    return sendJson(res, 400, { error: { message: "input must be a string or a list of strings" } });
  embedded.push(...(inputs as string[]));
  const encode = (v: number[]) =>
    body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v;
  sendJson(res, 200, {
    object: "list",
    model: body.model,
    data: inputs.map((input, index) => ({
      object: "embedding",
      index,
      embedding: encode(standInEmbedding(String(input))),
    })),
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  });
}
