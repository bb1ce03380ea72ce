/** This package's version, for --version: read from the nearest package.json up from this file (src/ or dist/). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (manifest.name === "recipe-filters") return String(manifest.version);
    } catch {}
    if (dirname(dir) === dir) return "unknown";
  }
}
