// The node-script side as a real package: `npm pack`, installed into a fresh project
// offline, imported as a library (JavaScript and TypeScript) and run as the
// `recipe-filters` command on the seed query with no key.
import "./support/isolated-env.js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT } from "./support/cli.js";
import { installIntoFreshProject, packRepo, run } from "./support/consumer-project.js";
import { withoutEvidence } from "./support/without-evidence.js";

const SEED = "10分以内に500円未満で作れる副菜教えて";
const SEED_FILTERS = [
  { column: "cooking_time_min", operator: "<=", value: 10 },
  { column: "cooking_cost_yen", operator: "<", value: 500 },
  { column: "dish_category", operator: "=", value: "副菜" },
];

describe("the npm package", () => {
  let files: string[];
  let consumer: string;
  let packDir: string;

  before(async () => {
    packDir = mkdtempSync(join(tmpdir(), "recipe-filters-pack-"));
    const packed = await packRepo(packDir);
    files = packed.files;
    consumer = await installIntoFreshProject(packed.tarball);
  });
  after(() => {
    for (const dir of [packDir, consumer]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("packs the compiled library, its types, the command and the bundled catalog — nothing else", () => {
    for (const file of ["dist/src/index.js", "dist/src/index.d.ts", "dist/src/cli/bin.js", "catalog/recipes.sqlite"])
      assert.ok(files.includes(file), `${file} is packed`);
    const unexpected = files.filter(
      (f) =>
        !/^dist\/src\/.+\.(js|d\.ts)$/.test(f) &&
        !["package.json", "README.md", "LICENSE", "catalog/recipes.sqlite"].includes(f),
    );
    assert.deepEqual(unexpected, []);
  });

  it("is imported as a library: extractor, registry, formats, query constructor, catalog", async () => {
    const script = `
      import * as lib from "recipe-filters";
      const extractor = lib.createExtractor();
      const { registry } = extractor;
      const result = await extractor.extract(${JSON.stringify(SEED)}, { context: { extractor: "rules" } });
      const query = await lib.createQueryConstructor({ context: { extractor: "rules" } }).invoke({ query: ${JSON.stringify(SEED)} });
      const db = await lib.openCatalog(undefined, { registry });
      console.log(JSON.stringify({
        filters: result.filters,
        columns: registry.columns,
        sql: lib.toSqlWhere(result.filters, { registry }).where,
        roundTrip: JSON.stringify(lib.fromStructuredQueryJson(JSON.stringify(query), { registry })) === JSON.stringify(query),
        recipes: lib.searchRecipes(db, result.filters, { limit: 1000, registry }).length,
      }));`;
    writeFileSync(join(consumer, "use.mjs"), script);
    const r = await run(process.execPath, ["use.mjs"], consumer);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(withoutEvidence(out.filters), SEED_FILTERS);
    assert.ok(out.columns.includes("cooking_time_min"));
    assert.match(out.sql, /"cooking_time_min" <= \?/);
    assert.equal(out.roundTrip, true);
    assert.ok(out.recipes > 0, "the bundled catalog is found inside the installed package");
  });

  it("ships types a TypeScript consumer compiles against", async () => {
    writeFileSync(
      join(consumer, "use.ts"),
      `import { createExtractor, createRegistry, type ExtractionResult, type FilterType, FILTER_TYPES } from "recipe-filters";
       const registry = createRegistry<readonly FilterType<any>[]>(FILTER_TYPES);
       const result: ExtractionResult = await createExtractor({ registry }).extract("15分以内");
       const column: string = result.filters[0].column;
       // @ts-expect-error: a misspelled export is a compile error, so the types are really there
       import("recipe-filters").then((m) => m.createExtracter);
       export { column };`,
    );
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["use.ts"],
      }),
    );
    const r = await run(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."],
      consumer,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it("installs the recipe-filters command, which answers the seed query offline with no key", async () => {
    const r = await run(join(consumer, "node_modules", ".bin", "recipe-filters"), ["--json", SEED], consumer);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.extractor, "rules");
    assert.deepEqual(withoutEvidence(doc.filters), SEED_FILTERS);
    const searched = await run(
      join(consumer, "node_modules", ".bin", "recipe-filters"),
      ["--search", "--limit", "3", SEED],
      consumer,
    );
    assert.equal(searched.code, 0, searched.stderr);
    assert.match(searched.stdout, /recipes: +3/);
  });
});
