/**
 * SIGINT, SIGTERM and SIGHUP as requests to stop: the first one lets the caller wind down (no
 * new work, finish what is in flight, flush), a second one asks it to stop at once. Node's
 * default for these signals is to die mid-write; with a listener installed it never does.
 */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

export const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The shell's convention, 128 + the signal number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export const EXIT_ON_SIGNAL: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export interface StopRequest {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** Which signal asked first, once one has. */
  readonly stoppedBy: StopSignal | undefined;
  /** True once a second signal arrived: drop what is in flight. */
  readonly urgent: boolean;
  /** Aborted by the second signal. */
  urgentSignal: AbortSignal;
  /** Removes the listeners (Node's defaults apply again). */
  release(): void;
}

export function listenForStop(): StopRequest {
  const controller = new AbortController();
  const urgentController = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => {
    if (stoppedBy) urgentController.abort();
    else stoppedBy = signal;
    controller.abort();
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    get stoppedBy() {
      return stoppedBy;
    },
    get urgent() {
      return urgentController.signal.aborted;
    },
    urgentSignal: urgentController.signal,
    release: () => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal);
    },
  };
}
