import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator } from "./columns.js";

/** A WHERE clause (without the keyword) and the values for its placeholders, in order. */
export interface SqlWhere {
  where: string;
  params: (number | string)[];
}

export interface SqlOptions extends FormatOptions {
  /** `?` (SQLite, MySQL, DuckDB, JDBC) or `$1, $2, …` (PostgreSQL). */
  placeholders?: "question-mark" | "numbered";
}

const SQL_OPERATORS: Record<Filter["operator"], string> = { "=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

/** A quoted SQL identifier (ANSI double quotes, `"` doubled; MySQL needs ANSI_QUOTES). Only registry columns reach here. */
export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `"cooking_time_min" <= ? AND "cooking_cost_yen" < ?` with `[10, 500]`. Values are only
 * ever parameters, columns only registry names, operators only from the table above.
 * No filters gives `1 = 1`, so `WHERE ${where}` is always valid.
 */
export function toSqlWhere(filters: readonly Filter[], options: SqlOptions = {}): SqlWhere {
  checkColumns(filters, options);
  const placeholder = options.placeholders === "numbered" ? (i: number) => `$${i + 1}` : () => "?";
  const conditions = filters.map(
    (f, i) => `${quoteIdentifier(f.column)} ${translateOperator(SQL_OPERATORS, f, "SQL")} ${placeholder(i)}`,
  );
  return { where: conditions.length === 0 ? "1 = 1" : conditions.join(" AND "), params: filters.map((f) => f.value) };
}
