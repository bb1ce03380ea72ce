// Dependencies point down: nothing outside src/cli/ imports it (the library, the graph entry,
// the evaluation, the benchmark, the stand-ins), and nothing but tests imports test/.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = ["src", "graphs", "eval", "bench", "stand-ins", "catalog"];

/** Every .ts file under a folder of the repository. */
const tsFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));

/** The repository-relative files a module imports (relative specifiers only). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g),
  ];
  return specifiers.map((m) => relative(ROOT, resolve(ROOT, file, "..", m[1] ?? m[2])));
}

/** The other command-line program, `npm run eval`, shares the CLI's exit codes and whole-number options. */
const SHARED_WITH_EVAL = ["src/cli/exit-codes.js", "src/cli/whole-number.js"];

it("nothing outside src/cli/ imports it, and only tests import test/", () => {
  const offending = SOURCES.flatMap(tsFiles)
    .filter((file) => !file.startsWith("src/cli/"))
    .flatMap((file) =>
      importsOf(file)
        .filter((target) => !(file.startsWith("eval/") && SHARED_WITH_EVAL.includes(target)))
        .filter((target) => target.startsWith("src/cli/") || target.startsWith("test/"))
        .map((target) => `${file} -> ${target}`),
    );
  assert.deepEqual(offending, []);
});
