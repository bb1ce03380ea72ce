// docs/architecture.md is checked against the code: every path its code map names exists, every
// folder under src/ is in the map, and every layering rule it states holds for the imports. A rule
// added to the document without a check here fails, and so does a check whose rule was removed.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { FILTER_TYPES } from "../src/filters/index.js";
import { codeOf, importsOf, ROOT, tsFiles } from "./support/imports.js";

const DOC = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
const NOT_TESTS = ["src", "graphs", "eval", "bench", "stand-ins", "catalog"];

/** The text of one `## ` section of the document. */
function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `docs/architecture.md has a "## ${title}" section`);
  const end = DOC.indexOf("\n## ", start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

/** The code map: each line's first word is a path, relative to the folder line it is indented under. */
function codeMapPaths(): string[] {
  const block = /```text\n([\s\S]*?)```/.exec(section("Code map"))?.[1];
  assert.ok(block, "the code map is a ```text block");
  const folders: { indent: number; path: string }[] = [];
  const paths: string[] = [];
  for (const line of block.split("\n").filter((l) => l.trim())) {
    const indent = line.length - line.trimStart().length;
    const name = line.trim().split(/\s+/)[0];
    while (folders.length && folders[folders.length - 1].indent >= indent) folders.pop();
    const path = (folders[folders.length - 1]?.path ?? "") + name;
    paths.push(path);
    if (name.endsWith("/")) folders.push({ indent, path });
  }
  return paths;
}

describe("the code map in docs/architecture.md", () => {
  const paths = codeMapPaths();

  it("names only files and folders that exist", () => {
    const missing = paths.filter(
      (p) => !existsSync(join(ROOT, p)) || statSync(join(ROOT, p)).isDirectory() !== p.endsWith("/"),
    );
    assert.deepEqual(missing, []);
  });

  it("has every folder under src/", () => {
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/${d.name}/`);
    assert.deepEqual(
      folders.filter((f) => !paths.includes(f)),
      [],
    );
  });
});

/** The files outside test/ that import something matching `bad`, as "file -> target" lines. */
function importing(files: string[], bad: (target: string, specifier: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((i) => bad(i.target ?? "", i.specifier))
      .map((i) => `${file} -> ${i.target ?? i.specifier}`),
  );
}

/** Each rule of the document, by its bold title, and how it is checked. */
const RULES: Record<string, (rule: string) => void> = {
  "Only the command line imports `src/cli/`."() {
    const files = ["src", "graphs", "bench", "stand-ins", "catalog"]
      .flatMap(tsFiles)
      .filter((f) => !f.startsWith("src/cli/"));
    assert.deepEqual(
      importing(files, (target) => target.startsWith("src/cli/")),
      [],
    );
  },
  "Only tests import `test/`."() {
    assert.deepEqual(
      importing(NOT_TESTS.flatMap(tsFiles), (target) => target.startsWith("test/")),
      [],
    );
  },
  "The registry knows no graph."() {
    const outside = importing(tsFiles("src/filters"), (target, specifier) =>
      target
        ? !target.startsWith("src/filters/") && !target.startsWith("src/language/")
        : specifier.startsWith("@langchain/langgraph"),
    );
    assert.deepEqual(outside, []);
  },
  "Nothing outside the registry names a filter type."() {
    const names = FILTER_TYPES.flatMap((t) => [t.name, t.column]);
    const literal = new RegExp(`(["'\`])(${names.join("|")})\\1`);
    const naming = [...tsFiles("src"), ...tsFiles("graphs")]
      .filter((f) => !f.startsWith("src/filters/"))
      .filter((f) => literal.test(codeOf(f)))
      .map((f) => `${f}: ${literal.exec(codeOf(f))?.[0]}`);
    assert.deepEqual(naming, []);
  },
  "The environment is read at the edges."(rule) {
    // The files (or, ending in "/", folders) the rule names in backticks.
    const named = [...rule.matchAll(/`([\w./-]+(?:\.ts|\/))`/g)].map((m) => m[1]);
    assert.ok(named.length > 0, "the rule names the files that read the environment");
    for (const path of named) assert.ok(existsSync(join(ROOT, path)), `${path} exists`);
    const reading = NOT_TESTS.flatMap(tsFiles).filter((f) => /\bprocess\.env\b/.test(codeOf(f)));
    assert.deepEqual(
      reading.filter((f) => !named.some((path) => (path.endsWith("/") ? f.startsWith(path) : f === path))),
      [],
    );
  },
  "No import cycles."() {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    assert.match(scripts.lint, /lint:cycles/);
    for (const folder of NOT_TESTS)
      assert.match(scripts["lint:cycles"], new RegExp(`dpdm .*'${folder}/\\*\\*/\\*\\.ts'`));
  },
};

describe("the layering rules in docs/architecture.md", () => {
  const rules = [...section("Layering rules").matchAll(/^- \*\*(.+?)\*\*([\s\S]*?)(?=^- |(?![\s\S]))/gm)].map(
    ([, title, body]) => ({ title, body: `${title}${body}` }),
  );

  it("are each checked here, and each check is a rule there", () => {
    assert.deepEqual(rules.map((r) => r.title).sort(), Object.keys(RULES).sort());
  });

  for (const { title, body } of rules)
    it(title, () => {
      const check = RULES[title];
      assert.ok(check, `no check for the rule "${title}"`);
      check(body);
    });
});
