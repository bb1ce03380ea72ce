// `npm run dev` on a port that is already taken fails at once with one line, and leaves no
// process behind (langgraphjs dev alone waits forever, its workers left running).
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { it } from "node:test";
import { ROOT } from "./support/cli.js";

it("a taken port: exit 1 and one line naming it, within seconds", async () => {
  const taken = createServer();
  taken.listen(0, "127.0.0.1");
  await once(taken, "listening");
  const { port } = taken.address() as { port: number };
  try {
    const child = spawn(process.execPath, ["scripts/dev.mjs", "--port", String(port)], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const [code] = await once(child, "exit");
    clearTimeout(timer);
    assert.equal(code, 1);
    assert.equal(stderr.trim().split("\n").length, 1, stderr);
    assert.match(stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
  } finally {
    taken.close();
  }
});
