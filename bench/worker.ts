/**
 * One build's bench process (forked by run.ts, from that build's dist/bench/): it starts its
 * own stand-ins process and runs the sections it is asked for, one at a time, replying with
 * their figures or the error. A failed section is reported, never an exit.
 */
import { startRemoteStandIns } from "./remote-stand-ins.js";
import { SECTIONS, type SectionSettings } from "./sections.js";

export type WorkerRequest = { id: number; section: string; settings: SectionSettings } | { id: number; close: true };

const standIns = await startRemoteStandIns();
let latency = -1;

process.on("message", async (request: WorkerRequest) => {
  if ("close" in request) {
    await standIns.close();
    process.send?.({ id: request.id, reply: {} }, () => process.disconnect());
    return;
  }
  try {
    if (latency !== request.settings.latencyMs) {
      latency = request.settings.latencyMs;
      await standIns.setLatency(latency);
    }
    const section = SECTIONS[request.section];
    if (!section) throw new Error(`no bench section "${request.section}"`);
    process.send?.({ id: request.id, reply: await section(standIns, request.settings) });
  } catch (error) {
    process.send?.({ id: request.id, error: String((error as Error)?.stack ?? error) });
  }
});
process.send?.({ id: 0, reply: { ready: true } });
