#!/usr/bin/env node
// `npm run dev`: the LangGraph dev server (what Studio talks to) on 127.0.0.1, port 2024 unless
// `-- --port N`. A taken port is refused in one line (langgraphjs dev would wait forever, its
// workers left running), and stopping this process stops the server's whole process group, so
// a stop by pid leaves no server behind.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const at = args.indexOf("--port");
const port = at >= 0 ? Number(args[at + 1]) : 2024;
const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;

const free = await new Promise((resolve) => {
  const probe = createServer();
  probe.once("error", (error) => resolve(error.code));
  probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
});
if (free !== true) {
  process.stderr.write(
    `recipe-filters dev: cannot listen on 127.0.0.1:${port} (${free}); stop what uses it, or run npm run dev -- --port <another>\n`,
  );
  process.exit(1);
}

const cli = fileURLToPath(new URL("../node_modules/.bin/langgraphjs", import.meta.url));
const server = spawn(cli, ["dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", ...rest], {
  stdio: "inherit",
  detached: true, // its own process group: the workers it starts are stopped with it
  env: { ...process.env, LANGGRAPH_CLI_NO_ANALYTICS: "1" },
});
const stopGroup = (signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // Already gone.
  }
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stopGroup(signal));
server.on("exit", (code, signal) => {
  stopGroup("SIGTERM"); // any worker the server left behind
  process.exit(code ?? (signal ? 1 : 0));
});
