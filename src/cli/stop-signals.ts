/**
 * SIGINT, SIGTERM and SIGHUP as requests to stop: the first one lets the caller wind down (no
 * new work, finish what is in flight, flush); another one after a clear pause asks it to stop
 * at once. Node's default for these signals is to die mid-write; with a listener installed it
 * never does.
 *
 * One Ctrl-C often arrives twice: the terminal signals the whole process group, and a parent
 * that forwards signals (npm, a process manager) sends it again a few milliseconds later. So
 * a signal within FORCE_PAUSE_MS of the first one is the same request, not a second one.
 */
import type { SignalSource, StopSignal } from "./io.js";

export type { StopSignal } from "./io.js";

export const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** The shell's convention, 128 + the signal number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export const EXIT_ON_SIGNAL: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * How long after the first signal another one still counts as the same request. A forwarded
 * copy comes within milliseconds (tens on a loaded machine); a person who sees the batch
 * still running and presses again takes longer than a second. Between the two, one second.
 */
export const FORCE_PAUSE_MS = 1_000;

export interface StopRequest {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** Which signal asked first, once one has. */
  readonly stoppedBy: StopSignal | undefined;
  /** True once another signal came FORCE_PAUSE_MS or more after the first: drop what is in flight. */
  readonly urgent: boolean;
  /** Aborted by that later signal. */
  urgentSignal: AbortSignal;
  /** Removes the listeners (for a process: Node's defaults apply again). */
  release(): void;
}

export function listenForStop(source: SignalSource, now: () => number = () => performance.now()): StopRequest {
  const controller = new AbortController();
  const urgentController = new AbortController();
  let stoppedBy: StopSignal | undefined;
  let firstAt = 0;
  const onSignal = (signal: StopSignal) => {
    if (!stoppedBy) {
      stoppedBy = signal;
      firstAt = now();
      controller.abort();
    } else if (now() - firstAt >= FORCE_PAUSE_MS) urgentController.abort();
  };
  for (const name of STOP_SIGNALS) source.on(name, onSignal);
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
      for (const name of STOP_SIGNALS) source.off(name, onSignal);
    },
  };
}
