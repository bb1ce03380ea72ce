/**
 * `npm run catalog:generate`: writes catalog/recipes.sqlite from the seeded generator, so
 * the bundled catalog is reproducible byte for byte from the seed.
 */
import { writeFileSync } from "node:fs";
import initSqlJs from "sql.js";
import { BUNDLED_CATALOG, CREATE_RECIPES_TABLE, RECIPE_COLUMNS } from "../src/search/recipe-store.js";
import { CATALOG_SEED, generateCatalog } from "./generate.js";

const SQL = await initSqlJs();
const db = new SQL.Database();
db.run(CREATE_RECIPES_TABLE);
const insert = db.prepare(
  `INSERT INTO recipes (${RECIPE_COLUMNS.join(", ")}) VALUES (${RECIPE_COLUMNS.map(() => "?").join(", ")})`,
);
const recipes = generateCatalog(CATALOG_SEED);
for (const recipe of recipes) insert.run(RECIPE_COLUMNS.map((c) => recipe[c]));
insert.free();
writeFileSync(BUNDLED_CATALOG, db.export());
console.log(`${BUNDLED_CATALOG}: ${recipes.length} recipes (seed ${CATALOG_SEED})`);
