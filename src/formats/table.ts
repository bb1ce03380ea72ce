import stringWidth from "string-width";
import type { Filter } from "../filters/filter-type.js";
import { type FormatOptions, valueText } from "./columns.js";
import { printable } from "./terminal-text.js";

const HEADER = ["column", "operator", "value", "unit"];

/** Pads by display width, so full-width values (副菜) keep the columns aligned. */
const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - stringWidth(text)));

/**
 * The filters as an aligned text table, one row per filter, with each column's unit:
 *
 *     column            operator  value  unit
 *     cooking_time_min  <=        10     minutes
 */
export function renderTable(filters: readonly Filter[], options: FormatOptions): string {
  if (filters.length === 0) return "(no filters)";
  const rows = [
    HEADER,
    ...filters.map((f) => [f.column, f.operator, valueText(f.value), options.registry.unitOf(f.column)].map(printable)),
  ];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => stringWidth(row[i]))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
