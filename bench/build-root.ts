/** Where a build's files are: the package root above this file, and the CLI entry its package.json names. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root of the build this module belongs to (dist/bench/ compiled, or bench/ with tsx). */
export function buildRoot(): string {
  let dir = fileURLToPath(new URL(".", import.meta.url));
  while (!existsSync(join(dir, "package.json"))) dir = join(dir, "..");
  return dir;
}

/** The compiled CLI of a build, as its package.json's `bin` names it (the CLI's file moves between commits). */
export function cliEntry(root = buildRoot()): string {
  const bin = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).bin as string | Record<string, string>;
  return join(root, typeof bin === "string" ? bin : Object.values(bin)[0]);
}
