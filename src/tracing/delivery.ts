/**
 * Trace delivery, counted: a trace is pending from its root run's start until the client has
 * handed the root's final update to LangSmith. A batch waits on the count (backpressure, so the
 * client's queue cannot outgrow memory), and a process about to exit says how many traces did
 * not leave instead of "the trace is lost".
 *
 * The langsmith Client exposes no queue size; what it does offer is `blockOnRootRunFinalization`:
 * the root's final `updateRun` resolves only once that update has been sent. This subclass
 * observes that promise without making the caller (the tracer, hence the query) wait on it.
 * That promise resolves whether or not the upload worked (the client logs and swallows upload
 * errors), so a trace counts as delivered only when the upload request that carried its root's
 * final update was answered with a success: each upload call runs in an async context the
 * fetch wrapper reports into.
 *
 * Uploads failing in a row pause new traces (the CLI's batch leaves them out) for a backoff that
 * doubles with each further failure and ends at the next success. One failure does not pause:
 * the client retries it itself, and an offline batch runs hundreds of lines a second, so even
 * a one-second pause would cost it most of its traces (551 of 600 when one failure stopped them).
 */
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { Client, type ClientConfig } from "langsmith";

type RunCreate = Parameters<Client["createRun"]>[0];
type RunUpdate = Parameters<Client["updateRun"]>[1];
type IngestData = Parameters<Client["multipartIngestRuns"]>[0];

/** The pause after a second failed upload in a row; each further failure doubles it, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 30_000;

/** How a process learns that its traces leave (or do not). */
export class TraceDelivery {
  /** Root runs seen starting. */
  started = 0;
  /** Root runs whose final update the client has sent (or given up sending). */
  handedOver = 0;
  /** Traces whose final update reached LangSmith in an upload it accepted. */
  acknowledged = 0;
  /** Upload requests to LangSmith that failed (network error or an error status). */
  failedUploads = 0;
  /** Uploads that still failed after the client's retries: their runs are lost. */
  lostUploads = 0;
  /** Why the latest upload failed, e.g. "HTTP 500" or "connect ECONNREFUSED". */
  lastFailure: string | undefined;
  private failuresInARow = 0;
  private pausedUntil = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly now: () => number = performance.now.bind(performance)) {}

  get pending(): number {
    return this.started - this.handedOver;
  }

  /**
   * True during the backoff after failed uploads: new traces wait for it to end (a batch
   * leaves them out), and waiting for pending ones would only stall.
   */
  get failing(): boolean {
    return this.now() < this.pausedUntil;
  }

  traceStarted(): void {
    this.started += 1;
  }

  traceHandedOver(): void {
    this.handedOver += 1;
    this.wake();
  }

  /** Traces whose every operation LangSmith accepted. */
  tracesUploaded(traces: number, delivered: boolean): void {
    if (delivered) this.acknowledged += traces;
  }

  uploadFinished(failure: string | undefined): void {
    if (failure === undefined) {
      this.failuresInARow = 0;
      this.pausedUntil = 0;
    } else {
      this.failedUploads += 1;
      this.lastFailure = failure;
      this.failuresInARow += 1;
      if (this.failuresInARow >= 2)
        this.pausedUntil =
          this.now() + Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(30, this.failuresInARow - 2));
    }
    this.wake();
  }

  /** A request other than an upload failed (the client's /info probe): the endpoint is not reached. */
  unreachable(failure: string): void {
    this.lastFailure = failure;
  }

  /** Resolves once fewer than `limit` traces are pending, or as soon as uploads are failing. */
  async pendingBelow(limit: number): Promise<void> {
    while (this.pending >= limit && !this.failing) await new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}

/** One upload call of the client: its requests report here (see the fetch wrapper). */
interface Upload {
  requests: number;
  failure: string | undefined;
  /** A nested upload call (multipart falling back to batch on a 404) counted the traces instead. */
  delegated?: boolean;
}
const currentUpload = new AsyncLocalStorage<Upload>();

const isIngestRequest = (url: string) => /\/runs(\/|$|\?)/.test(url);

/** A LangSmith client that reports to `delivery` when traces start, when they have left, and how uploads fare. */
export function createDeliveryTrackingClient(config: ClientConfig, delivery: TraceDelivery): Client {
  const send = config.fetchImplementation ?? fetch;
  const fetchImplementation: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // Only uploads count as failed uploads; any request that fails says why LangSmith is not reached.
    const report = (failure: string | undefined) => {
      if (!isIngestRequest(url)) return failure && delivery.unreachable(failure);
      delivery.uploadFinished(failure);
      const upload = currentUpload.getStore();
      // The last attempt decides: the client retries a 5xx or a reset socket.
      if (upload) {
        upload.requests += 1;
        upload.failure = failure;
      }
    };
    try {
      const response = await send(input, init);
      report(response.ok ? undefined : `HTTP ${response.status}`);
      return response;
    } catch (error) {
      // fetch says "fetch failed"; the cause says why (ECONNREFUSED, a TLS error …).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      report(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : "network error"));
      throw error;
    }
  };
  return new DeliveryTrackingClient({ ...config, fetchImplementation, blockOnRootRunFinalization: true }, delivery);
}

const isRoot = (run: { parent_run_id?: string | null }) => run.parent_run_id == null;

/** The compressed upload path's per-buffer record: one "trace=…,id=…" per operation. */
interface CompressedBuffer {
  context: string[];
}
type SendCompressed = (body: unknown, buffer: CompressedBuffer, options: unknown) => Promise<void>;
type Queue = { add?: (fn: () => unknown, ...rest: unknown[]) => unknown };

/** The root runs (id = trace id) an operation list names. */
const rootOperations = (contexts: readonly string[]) =>
  contexts.flatMap((context) => {
    const match = /^trace=([^,]+),id=([^;]+)$/.exec(context.trim());
    return match && match[1] === match[2] ? [match[2]] : [];
  });

class DeliveryTrackingClient extends Client {
  /** Per root run not yet acknowledged: the operations (create, final update) still to be accepted. */
  private readonly unacknowledged = new Map<string, number>();

  constructor(
    config: ClientConfig,
    private readonly delivery: TraceDelivery,
  ) {
    super(config);
    // Internals of langsmith 0.12 (a test pins them, test/langsmith-transient.test.ts):
    // - the upload queue starts a waiting call from whichever call just finished; bound to the
    //   context it was queued in, each call's requests report to its own upload;
    // - the compressed path sends a buffer of serialized operations, named in its context.
    const internals = this as unknown as {
      batchIngestCaller?: { queue?: Queue };
      _sendCompressedMultipart?: SendCompressed;
    };
    const queue = internals.batchIngestCaller?.queue;
    const add = queue?.add?.bind(queue);
    if (queue && add) queue.add = (fn, ...rest) => add(AsyncResource.bind(fn), ...rest);
    const sendCompressed = internals._sendCompressedMultipart?.bind(this);
    if (sendCompressed)
      internals._sendCompressedMultipart = (body, buffer, options) =>
        this.counted(rootOperations(buffer.context), () => sendCompressed(body, buffer, options));
  }

  override multipartIngestRuns(...args: Parameters<Client["multipartIngestRuns"]>): Promise<void> {
    return this.counted(this.finalRootIds(args[0]), () => super.multipartIngestRuns(...args));
  }

  override batchIngestRuns(...args: Parameters<Client["batchIngestRuns"]>): Promise<void> {
    return this.counted(this.finalRootIds(args[0]), () => super.batchIngestRuns(...args));
  }

  /** The uncompressed paths merge a root's create and final update: a finished root is all there. */
  private finalRootIds({ runCreates = [], runUpdates = [] }: IngestData): string[] {
    const ids = [...runCreates, ...runUpdates].filter((run) => isRoot(run) && run.end_time !== undefined);
    return ids.flatMap((run) => (run.id && this.unacknowledged.has(run.id) ? [run.id, run.id] : []));
  }

  /** Runs one upload call; its root operations count as accepted only if its requests succeeded. */
  private async counted(roots: string[], send: () => Promise<void>): Promise<void> {
    const parent = currentUpload.getStore();
    const upload: Upload = { requests: 0, failure: undefined };
    try {
      await currentUpload.run(upload, send);
    } catch (error) {
      upload.failure ??= error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      // Nested calls (multipart falling back to batch on a 404) count once, in the innermost.
      if (parent) parent.delegated = true;
      if (!upload.delegated && upload.failure !== undefined) this.delivery.lostUploads += 1;
      if (!upload.delegated && upload.requests > 0 && upload.failure === undefined) this.accepted(roots);
    }
  }

  private accepted(roots: readonly string[]): void {
    for (const id of roots) {
      const left = (this.unacknowledged.get(id) ?? 0) - 1;
      if (left > 0) this.unacknowledged.set(id, left);
      else if (this.unacknowledged.delete(id)) this.delivery.tracesUploaded(1, true);
    }
  }

  override async createRun(run: RunCreate, options?: Parameters<Client["createRun"]>[1]): Promise<void> {
    if (!isRoot(run)) return super.createRun(run, options);
    this.delivery.traceStarted();
    // Its create and its final update (none when created already finished).
    if (run.id) this.unacknowledged.set(run.id, run.end_time === undefined ? 2 : 1);
    const created = super.createRun(run, options);
    // A root created already finished (its inputs were deferred) gets no final update.
    if (run.end_time !== undefined) created.catch(() => undefined).finally(() => this.delivery.traceHandedOver());
    return created;
  }

  override updateRun(runId: string, run: RunUpdate, options?: Parameters<Client["updateRun"]>[2]): Promise<void> {
    const sent = super.updateRun(runId, run, options);
    if (!(isRoot(run) && run.end_time !== undefined)) return sent;
    // Not returned: the query goes on while its trace travels; the count keeps the promise.
    sent.catch(() => undefined).finally(() => this.delivery.traceHandedOver());
    return Promise.resolve();
  }
}
