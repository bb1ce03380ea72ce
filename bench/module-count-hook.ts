/**
 * `node --import <this> …`: counts the modules the process loads (ESM and CommonJS, not
 * node: built-ins) and, as it exits, writes the count to the file BENCH_MODULE_COUNT_OUT names.
 */
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

const loaded = new Set<string>();
registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith("node:")) loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on("exit", () => {
  const out = process.env.BENCH_MODULE_COUNT_OUT;
  if (out) writeFileSync(out, JSON.stringify({ modules: loaded.size, urls: [...loaded] }));
});
