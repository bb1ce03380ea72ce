/** Starts bench/stand-in-process and talks to it over IPC. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { RunCounts, StandInRequest } from "./stand-in-process.js";

export interface RemoteStandIns {
  /** The model stand-in's base URL (…/v1). */
  modelUrl: string;
  receiverUrl: string;
  /** Sets the model stand-in's latency for every following request. */
  setLatency(ms: number): Promise<void>;
  /** Forgets the runs received so far. */
  forgetRuns(): Promise<void>;
  runCounts(): Promise<RunCounts>;
  close(): Promise<void>;
}

type Command = StandInRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export async function startRemoteStandIns(): Promise<RemoteStandIns> {
  // Compiled (dist/bench/*.js) or run with tsx (bench/*.ts): the sibling file has the same extension.
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const child = fork(fileURLToPath(new URL(`./stand-in-process${extension}`, import.meta.url)), {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (reply: any) => void>();
  let nextId = 1;
  const urls = await new Promise<{ modelUrl: string; receiverUrl: string }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the stand-in process exited (${code})`)));
    child.on("message", (message: { id: number; reply: any }) => {
      if (message.id === 0) resolve(message.reply);
      else pending.get(message.id)?.(message.reply);
      pending.delete(message.id);
    });
  });
  const send = (command: Command) =>
    new Promise<any>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ ...command, id });
    });
  return {
    ...urls,
    setLatency: (ms) => send({ command: "latency", ms }),
    forgetRuns: () => send({ command: "forget" }),
    runCounts: () => send({ command: "runs" }),
    close: async () => {
      await send({ command: "close" });
      child.removeAllListeners("exit");
    },
  };
}
