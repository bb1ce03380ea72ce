/**
 * The LangSmith endpoints that `evaluate()` from `langsmith/evaluation` and the dataset
 * upload use, for the run receiver (langsmith-receiver.ts): datasets, examples (read and
 * multipart upload), sessions (the experiment is one), feedback (posted, or as
 * `feedback.<id>` parts of a runs multipart body). Kept in memory, in the shapes the real
 * `langsmith` Client reads. The receiver must report `dataset_examples_multipart_enabled`
 * in its /info flags for the client to upload examples.
 */
import { randomUUID } from "node:crypto";

export interface StoredDataset {
  id: string;
  name: string;
  description?: string | null;
  created_at: string;
  modified_at: string;
  [key: string]: unknown;
}

export interface StoredExample {
  id: string;
  dataset_id: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  created_at: string;
  modified_at: string;
}

export interface StoredSession {
  id: string;
  name: string;
  tenant_id: string;
  reference_dataset_id?: string;
  extra?: { metadata?: Record<string, unknown> } | null;
  start_time: string;
  end_time?: string | null;
  [key: string]: unknown;
}

export interface StoredFeedback {
  id: string;
  run_id?: string;
  trace_id?: string;
  session_id?: string;
  key: string;
  score?: number | boolean | null;
  value?: unknown;
  comment?: string;
  [key: string]: unknown;
}

export interface EvaluationStore {
  datasets: Map<string, StoredDataset>;
  examples: Map<string, StoredExample>;
  sessions: Map<string, StoredSession>;
  feedback: StoredFeedback[];
}

export interface EvaluationRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

export interface EvaluationReply {
  status: number;
  body: unknown;
}

const TENANT_ID = "00000000-0000-4000-8000-000000000001";

export function createEvaluationStore(): EvaluationStore {
  return { datasets: new Map(), examples: new Map(), sessions: new Map(), feedback: [] };
}

/** A `feedback.<id>` part of a runs multipart body. */
export function recordFeedbackPart(store: EvaluationStore, json: string): void {
  store.feedback.push(JSON.parse(json));
}

const now = () => new Date().toISOString();
const json = (body: Buffer) => JSON.parse(body.toString("utf8") || "{}");
const notFound: EvaluationReply = { status: 404, body: { detail: "not found" } };

function page<T>(items: T[], query: URLSearchParams): T[] {
  const offset = Number(query.get("offset") ?? 0);
  const limit = Number(query.get("limit") ?? 100);
  return items.slice(offset, offset + limit);
}

function withCount(store: EvaluationStore, dataset: StoredDataset) {
  const examples = [...store.examples.values()].filter((e) => e.dataset_id === dataset.id);
  return { ...dataset, example_count: examples.length };
}

async function uploadExamples(store: EvaluationStore, datasetId: string, request: EvaluationRequest) {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": request.contentType },
  }).formData();
  const parts = new Map<string, Record<string, unknown>>();
  for (const [name, value] of form.entries()) {
    const [id, field] = name.split(".");
    const parsed = JSON.parse(typeof value === "string" ? value : await value.text());
    parts.set(id, { ...(parts.get(id) ?? {}), ...(field ? { [field]: parsed } : parsed) });
  }
  for (const [id, part] of parts) {
    const time = now();
    store.examples.set(id, {
      id,
      dataset_id: datasetId,
      inputs: (part.inputs as Record<string, unknown>) ?? {},
      outputs: part.outputs as Record<string, unknown> | undefined,
      metadata: part.metadata as Record<string, unknown> | undefined,
      created_at: time,
      modified_at: time,
    });
  }
  return { example_ids: [...parts.keys()], count: parts.size };
}

/** The reply for one of the evaluation endpoints, or undefined when the request is not one of them. */
export async function handleEvaluationRequest(
  store: EvaluationStore,
  request: EvaluationRequest,
): Promise<EvaluationReply | undefined> {
  const { method, path, query, body } = request;
  const datasetId = /^\/datasets\/([^/]+)$/.exec(path)?.[1];
  const uploadTo = /^\/v1\/platform\/datasets\/([^/]+)\/examples$/.exec(path)?.[1];
  const exampleId = /^\/examples\/([^/]+)$/.exec(path)?.[1];
  const sessionId = /^\/sessions\/([^/]+)$/.exec(path)?.[1];

  if (method === "GET" && path === "/datasets") {
    const name = query.get("name");
    const found = [...store.datasets.values()].filter((d) => name === null || d.name === name);
    return { status: 200, body: page(found, query).map((d) => withCount(store, d)) };
  }
  if (method === "GET" && datasetId) {
    const dataset = store.datasets.get(datasetId);
    return dataset ? { status: 200, body: withCount(store, dataset) } : notFound;
  }
  if (method === "POST" && path === "/datasets") {
    const fields = json(body);
    if ([...store.datasets.values()].some((d) => d.name === fields.name))
      return { status: 409, body: { detail: "Dataset already exists" } };
    const dataset: StoredDataset = { ...fields, id: randomUUID(), created_at: now(), modified_at: now() };
    store.datasets.set(dataset.id, dataset);
    return { status: 200, body: withCount(store, dataset) };
  }
  if (method === "POST" && uploadTo) {
    if (!store.datasets.has(uploadTo)) return notFound;
    return { status: 201, body: await uploadExamples(store, uploadTo, request) };
  }
  if (method === "GET" && path === "/examples") {
    const datasetId = query.get("dataset");
    const found = [...store.examples.values()].filter((e) => e.dataset_id === datasetId);
    return { status: 200, body: page(found, query) };
  }
  if (method === "GET" && exampleId) {
    const example = store.examples.get(exampleId);
    return example ? { status: 200, body: example } : notFound;
  }
  if (method === "POST" && path === "/sessions") {
    const fields = json(body);
    if ([...store.sessions.values()].some((s) => s.name === fields.name))
      return { status: 409, body: { detail: "Session already exists" } };
    const session: StoredSession = { ...fields, id: randomUUID(), tenant_id: TENANT_ID, start_time: now() };
    store.sessions.set(session.id, session);
    return { status: 200, body: session };
  }
  if (method === "GET" && path === "/sessions") {
    const name = query.get("name");
    const found = [...store.sessions.values()].filter((s) => name === null || s.name === name);
    // The client reads its tenant from the first session listed; an empty store still has one tenant.
    const listed = name === null && found.length === 0 ? [{ id: TENANT_ID, tenant_id: TENANT_ID }] : found;
    return { status: 200, body: page(listed, query) };
  }
  if (sessionId) {
    const session = store.sessions.get(sessionId);
    if (!session) return notFound;
    if (method === "GET") return { status: 200, body: session };
    if (method === "PATCH") {
      const { extra, end_time, ...rest } = json(body);
      const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
      Object.assign(session, defined, extra ? { extra } : {}, end_time ? { end_time } : {});
      return { status: 200, body: session };
    }
  }
  if (method === "POST" && path === "/feedback") {
    store.feedback.push(json(body));
    return { status: 200, body: {} };
  }
  return undefined;
}
