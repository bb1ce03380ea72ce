/**
 * A LangSmith-compatible run receiver on 127.0.0.1: the real `langsmith` Client posts to
 * it (GET /info; POST /runs/multipart, gzip or not; POST /runs/batch; POST /runs;
 * PATCH /runs/:id) and it decodes every run, merging creates and updates by run id.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import {
  createEvaluationStore,
  type EvaluationStore,
  handleEvaluationRequest,
  recordFeedbackPart,
} from "./langsmith-evaluation-endpoints.js";

export interface ReceivedRun {
  id: string;
  trace_id?: string;
  parent_run_id?: string;
  dotted_order?: string;
  name?: string;
  run_type?: string;
  start_time?: string | number;
  end_time?: string | number;
  error?: string;
  inputs?: any;
  outputs?: any;
  extra?: any;
  [key: string]: unknown;
}

export interface LangSmithReceiver {
  url: string;
  runs: Map<string, ReceivedRun>;
  /** Every request body as received (decoded text), for secret scanning. */
  rawBodies: string[];
  requestCount: number;
  /** What `evaluate()` created: datasets, examples, experiments (sessions), feedback. */
  evaluation: EvaluationStore;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
}

export async function startLangSmithReceiver(
  options: {
    infoFlags?: Record<string, unknown> /** false: do not keep `rawBodies` (load runs). Default true. */;
    keepRawBodies?: boolean;
    /**
     * A fault for the n-th run upload (0-based, counting every POST/PATCH of runs): "500"
     * answers an error status, "reset" destroys the socket without an answer (a keep-alive
     * connection the server dropped). The runs of a faulted request are not kept.
     */
    uploadFault?: (upload: number) => "500" | "reset" | undefined;
  } = {},
): Promise<LangSmithReceiver> {
  const runs = new Map<string, ReceivedRun>();
  const rawBodies: string[] = [];
  let requestCount = 0;
  let uploads = 0;
  const evaluation = createEvaluationStore();
  const merge = (id: string, fields: Record<string, unknown>) =>
    runs.set(id, { ...(runs.get(id) ?? { id }), ...fields, id });

  const server = createServer(async (req, res) => {
    requestCount += 1;
    const reply = (status: number, body: unknown = {}) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const body = await readBody(req);
      const path = (req.url ?? "").split("?")[0];
      if (/\/runs(\/|$)/.test(path) && (req.method === "POST" || req.method === "PATCH")) {
        const fault = options.uploadFault?.(uploads++);
        if (fault === "reset") return req.socket.destroy();
        if (fault === "500") return reply(500, { detail: "injected failure" });
      }
      if (options.keepRawBodies !== false) rawBodies.push(body.toString("utf8"));
      if (req.method === "GET" && path.endsWith("/info")) {
        return reply(200, {
          version: "0.10.0",
          batch_ingest_config: {
            use_multipart_endpoint: true,
            size_limit_bytes: 20_000_000,
            size_limit: 100,
            scale_up_qsize_trigger: 1000,
            scale_up_nthreads_limit: 16,
            scale_down_nempty_trigger: 4,
          },
          instance_flags: { gzip_body_enabled: true, ...(options.infoFlags ?? {}) },
        });
      }
      if (req.method === "POST" && path.endsWith("/runs/multipart")) {
        const form = await new Response(new Uint8Array(body), {
          headers: { "content-type": String(req.headers["content-type"]) },
        }).formData();
        for (const [name, value] of form.entries()) {
          const [kind, id, field] = name.split(".");
          if (kind === "feedback")
            recordFeedbackPart(evaluation, typeof value === "string" ? value : await value.text());
          if (kind !== "post" && kind !== "patch") continue;
          const text = typeof value === "string" ? value : await value.text();
          const parsed = JSON.parse(text);
          merge(id, field ? { [field]: parsed } : parsed);
        }
        return reply(202);
      }
      if (req.method === "POST" && path.endsWith("/runs/batch")) {
        const { post = [], patch = [] } = JSON.parse(body.toString("utf8") || "{}");
        for (const run of [...post, ...patch]) merge(run.id, run);
        return reply(202);
      }
      if (req.method === "POST" && path.endsWith("/runs")) {
        const run = JSON.parse(body.toString("utf8"));
        merge(run.id, run);
        return reply(202);
      }
      const patch = /\/runs\/([^/]+)$/.exec(path);
      if (req.method === "PATCH" && patch) {
        merge(patch[1], JSON.parse(body.toString("utf8")));
        return reply(202);
      }
      const contentType = String(req.headers["content-type"] ?? "");
      const query = new URL(req.url ?? "", "http://receiver").searchParams;
      const answer = await handleEvaluationRequest(evaluation, {
        method: req.method ?? "",
        path,
        query,
        body,
        contentType,
      });
      if (answer) return reply(answer.status, answer.body);
      return reply(404, { detail: "not found" });
    } catch (error) {
      return reply(500, { detail: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runs,
    rawBodies,
    evaluation,
    get requestCount() {
      return requestCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
