import type { Filter } from "../filters/filter-type.js";
import { checkColumns, type FormatOptions, translateOperator, valuesOf } from "./columns.js";

/** A WHERE clause (without the keyword) and the values for its placeholders, in order. */
export interface SqlWhere {
  where: string;
  params: (number | string)[];
}

export interface SqlOptions extends FormatOptions {
  /** `?` (SQLite, MySQL, DuckDB, JDBC) or `$1, $2, …` (PostgreSQL). */
  placeholders?: "question-mark" | "numbered";
}

const SQL_OPERATORS: Record<Filter["operator"], string> = {
  "=": "=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  in: "IN",
};

/** A quoted SQL identifier (ANSI double quotes, `"` doubled; MySQL needs ANSI_QUOTES). Only registry columns reach here. */
export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `"cooking_time_min" <= ? AND "dish_category" IN (?, ?)` with `[10, "主菜", "副菜"]`. Values
 * are only ever parameters, columns only registry names, operators only from the table above.
 * No filters gives `1 = 1`, so `WHERE ${where}` is always valid.
 */
export function toSqlWhere(filters: readonly Filter[], options: SqlOptions): SqlWhere {
  checkColumns(filters, options);
  const params: (number | string)[] = [];
  const placeholder = (value: number | string) => {
    params.push(value);
    return options.placeholders === "numbered" ? `$${params.length}` : "?";
  };
  const conditions = filters.map((f) => {
    const operator = translateOperator(SQL_OPERATORS, f, "SQL");
    const values = valuesOf(f).map(placeholder);
    return `${quoteIdentifier(f.column)} ${operator} ${f.operator === "in" ? `(${values.join(", ")})` : values[0]}`;
  });
  return { where: conditions.length === 0 ? "1 = 1" : conditions.join(" AND "), params };
}
