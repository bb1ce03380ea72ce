/**
 * Output formats: the same extraction result for a reader, for a LangChain retriever, for
 * Databricks Vector Search and for SQL. The library API; the CLI's --format uses `formatResult`.
 */
import type { Filter } from "../filters/filter-type.js";
import type { FormatOptions } from "./columns.js";
import { toDatabricksQuery } from "./databricks.js";
import { markEvidence } from "./evidence-marks.js";
import { toSqlWhere } from "./sql.js";
import { toStructuredQuery } from "./structured-query.js";
import { renderTable } from "./table.js";
import { printable, safeJson } from "./terminal-text.js";

export { checkColumns, type FormatOptions, UnwritableFilterError } from "./columns.js";
export { type DatabricksFilters, type DatabricksQuery, toDatabricksFilters, toDatabricksQuery } from "./databricks.js";
export { type SqlOptions, type SqlWhere, toSqlWhere } from "./sql.js";
export { toStructuredQuery } from "./structured-query.js";
export { renderTable } from "./table.js";

export const FORMAT_NAMES = ["json", "table", "structured-query", "databricks", "sql"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Only `json` carries the whole result; the others carry the filters (errors and warnings are the caller's to report). */
export const carriesWholeResult = (format: FormatName) => format === "json";

/** What a format reads of an extraction result: the query, its residual and its filters (`json` writes the whole result). */
export interface FormattedResult {
  query: string;
  /** The query minus the filters' words (src/query/residual.ts). */
  residual: string;
  filters: readonly Filter[];
}

/** The result as text in one format: JSON documents are one line; `table` is for reading. */

export function formatResult<R extends FormattedResult>(result: R, format: FormatName, options: FormatOptions): string {
  switch (format) {
    case "json":
      return safeJson(result);
    case "table":
      // The residual after the filters: what is left of the query for a search to rank by.
      return [
        renderTable(result.filters, options),
        "",
        `query:      ${printable(markEvidence(result.query, result.filters))}`,
        `query text: ${printable(result.residual) || "(none: the filters took every word)"}`,
      ].join("\n");
    case "structured-query":
      return safeJson(toStructuredQuery(result, options));
    case "databricks":
      return safeJson(toDatabricksQuery(result, options));
    case "sql":
      return safeJson(toSqlWhere(result.filters, options));
  }
}
