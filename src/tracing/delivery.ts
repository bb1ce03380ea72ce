/**
 * Trace delivery, counted: a trace is pending from its root run's start until the client has
 * handed the root's final update to LangSmith. A batch waits on the count (backpressure, so the
 * client's queue cannot outgrow memory), and a process about to exit says how many traces did
 * not leave instead of "the trace is lost".
 *
 * The langsmith Client exposes no queue size; what it does offer is `blockOnRootRunFinalization`:
 * the root's final `updateRun` resolves only once that update has been sent. This subclass
 * observes that promise without making the caller (the tracer, hence the query) wait on it.
 */
import { Client, type ClientConfig } from "langsmith";

type RunCreate = Parameters<Client["createRun"]>[0];
type RunUpdate = Parameters<Client["updateRun"]>[1];

/** How a process learns that its traces leave (or do not). */
export class TraceDelivery {
  /** Root runs seen starting. */
  started = 0;
  /** Root runs whose final update the client has sent (or given up sending). */
  handedOver = 0;
  /** Upload requests to LangSmith that failed (network error or an error status). */
  failedUploads = 0;
  /** Why the latest upload failed, e.g. "HTTP 500" or "connect ECONNREFUSED". */
  lastFailure: string | undefined;
  /** True while the latest upload failed and none has succeeded since: waiting would only stall. */
  failing = false;
  private waiters = new Set<() => void>();

  get pending(): number {
    return this.started - this.handedOver;
  }

  traceStarted(): void {
    this.started += 1;
  }

  traceHandedOver(): void {
    this.handedOver += 1;
    this.wake();
  }

  uploadFinished(failure: string | undefined): void {
    this.failing = failure !== undefined;
    if (failure !== undefined) {
      this.failedUploads += 1;
      this.lastFailure = failure;
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

const isIngestRequest = (url: string) => /\/runs(\/|$|\?)/.test(url);

/** A LangSmith client that reports to `delivery` when traces start, when they have left, and how uploads fare. */
export function createDeliveryTrackingClient(config: ClientConfig, delivery: TraceDelivery): Client {
  const send = config.fetchImplementation ?? fetch;
  const fetchImplementation: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // Only uploads count as failed uploads; any request that fails says why LangSmith is not reached.
    const report = (failure: string | undefined) =>
      isIngestRequest(url) ? delivery.uploadFinished(failure) : failure && delivery.unreachable(failure);
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

class DeliveryTrackingClient extends Client {
  constructor(
    config: ClientConfig,
    private readonly delivery: TraceDelivery,
  ) {
    super(config);
  }

  override async createRun(run: RunCreate, options?: Parameters<Client["createRun"]>[1]): Promise<void> {
    if (!isRoot(run)) return super.createRun(run, options);
    this.delivery.traceStarted();
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
