/**
 * `npm run catalog:generate`: writes catalog/recipes.sqlite from the seeded generator, so
 * the bundled catalog is reproducible byte for byte from the seed. The table has the
 * registry's columns (src/search/catalog-schema.ts).
 */
import { writeFileSync } from "node:fs";
import initSqlJs from "sql.js";
import { BUILT_IN_REGISTRY } from "../src/filters/index.js";
import { createRecipesTable, recipeColumns, SEARCH_TEXT_COLUMNS } from "../src/search/catalog-schema.js";
import { BUNDLED_CATALOG } from "../src/search/recipe-store.js";
import { CATALOG_SEED, generateCatalog } from "./generate.js";

const SQL = await initSqlJs();
const db = new SQL.Database();
db.run(createRecipesTable(BUILT_IN_REGISTRY, { searchText: true }));
const columns = [...recipeColumns(BUILT_IN_REGISTRY), ...SEARCH_TEXT_COLUMNS];
const insert = db.prepare(`INSERT INTO recipes VALUES (${columns.map(() => "?").join(", ")})`);
const recipes = generateCatalog(CATALOG_SEED, BUILT_IN_REGISTRY);
for (const recipe of recipes) insert.run(columns.map((c) => recipe[c]));
insert.free();
writeFileSync(BUNDLED_CATALOG, db.export());
console.log(`${BUNDLED_CATALOG}: ${recipes.length} recipes (seed ${CATALOG_SEED})`);
