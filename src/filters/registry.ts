import type { FilterType } from "./filter-type.js";

/**
 * The filter types one extractor knows, and every question the rest of the code asks about
 * them. Built once at an edge (the CLI, `createExtractor`, the Studio graph) and handed down:
 * the graph, the reducer, the formats, the summary and the catalog all read this one value.
 */
export interface Registry<Type extends FilterType<any> = FilterType<any>> {
  /** Every filter type, in output order: one graph branch each. */
  readonly types: readonly Type[];
  /** Their columns, in the same order. */
  readonly columns: readonly Type["column"][];
  /** The filter type of a column, if the registry has one. */
  byColumn(column: string): Type | undefined;
  /** A column's unit ("minutes", "yen" …); "" for a column outside the registry. */
  unitOf(column: string): string;
  /** A column's place in output order; a column outside the registry comes after all of them. */
  order(column: string): number;
}

/** One registry over `types`; two types with one name or one column are refused. */
export function createRegistry<const Types extends readonly FilterType<any>[]>(types: Types): Registry<Types[number]> {
  const byColumn = new Map<string, Types[number]>();
  const names = new Set<string>();
  for (const type of types) {
    if (names.has(type.name)) throw new Error(`duplicate filter type name: ${type.name}`);
    if (byColumn.has(type.column)) throw new Error(`two filter types for the column ${type.column}`);
    names.add(type.name);
    byColumn.set(type.column, type);
  }
  const positions = new Map(types.map((type, index) => [type.column, index]));
  return Object.freeze({
    types: Object.freeze([...types]),
    columns: Object.freeze(types.map((type) => type.column)),
    byColumn: (column: string) => byColumn.get(column),
    unitOf: (column: string) => byColumn.get(column)?.unit ?? "",
    order: (column: string) => positions.get(column) ?? types.length,
  });
}
