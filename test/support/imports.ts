/** The repository's TypeScript files and what each imports, read from the source text (no compiler needed). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Every .ts file under a folder of the repository, as a repository-relative path. */
export const tsFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));

/** A module's text with its comments removed (string contents are kept; good enough for these checks). */
export const codeOf = (file: string): string =>
  readFileSync(join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

export interface Import {
  /** The specifier as written. */
  specifier: string;
  /** For a relative specifier: the repository-relative file it names, with `.js` read as `.ts`. */
  target?: string;
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

/** What a module imports (static, re-exports, side-effect and dynamic imports with a literal specifier). */
export function importsOf(file: string): Import[] {
  return [...codeOf(file).matchAll(SPECIFIER)].map((m) => {
    const specifier = m[1] ?? m[2] ?? m[3];
    if (!specifier.startsWith(".")) return { specifier };
    const target = relative(ROOT, resolve(ROOT, file, "..", specifier)).replace(/\.js$/, ".ts");
    return { specifier, target };
  });
}
