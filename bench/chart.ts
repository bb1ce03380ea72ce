/**
 * Latency vs number of filter types as an SVG line chart. Hand-written on purpose: three
 * series on fixed axes is ~40 lines, where a charting library (vega) would add dozens of
 * packages to every install for one picture.
 */
import type { FanOutRow } from "./fan-out.js";

export function latencyChartSvg(rows: FanOutRow[], title: string): string {
  const [w, h, left, bottom, top, right] = [640, 360, 60, 40, 40, 150];
  const maxN = Math.max(...rows.map((r) => r.n));
  const maxMs = Math.max(...rows.map((r) => r.sequentialMs)) * 1.05;
  const x = (n: number) => left + ((w - left - right) * Math.log2(n)) / Math.log2(maxN);
  const y = (ms: number) => h - bottom - ((h - top - bottom) * ms) / maxMs;
  const series: ["sequentialMs" | "floorMs" | "graphMs", string, string][] = [
    ["sequentialMs", "#d62728", "sequential"],
    ["floorMs", "#2ca02c", "Promise.all (floor)"],
    ["graphMs", "#1f77b4", "LangGraph branches"],
  ];
  const lines = series.map(([k, color, label], i) => {
    const pts = rows.map((r) => `${x(r.n).toFixed(1)},${y(r[k]).toFixed(1)}`).join(" ");
    const dots = rows
      .map((r) => `<circle cx="${x(r.n).toFixed(1)}" cy="${y(r[k]).toFixed(1)}" r="3" fill="${color}"/>`)
      .join("");
    return (
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts}"/>${dots}` +
      `<text x="${w - right + 10}" y="${top + 20 + i * 20}" fill="${color}" font-size="13">${label}</text>`
    );
  });
  const yTicks = Array.from({ length: 5 }, (_, i) => (maxMs * i) / 4).map(
    (ms) =>
      `<line x1="${left}" x2="${w - right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#eee"/><text x="${left - 6}" y="${y(ms) + 4}" text-anchor="end" font-size="11">${Math.round(ms)}</text>`,
  );
  const xTicks = rows.map(
    (r) => `<text x="${x(r.n)}" y="${h - bottom + 16}" text-anchor="middle" font-size="11">${r.n}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="22" font-size="14" font-weight="bold">${title}</text>
${yTicks.join("\n")}
<line x1="${left}" x2="${left}" y1="${top}" y2="${h - bottom}" stroke="#333"/><line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#333"/>
${xTicks.join("")}
<text x="${(left + w - right) / 2}" y="${h - 6}" text-anchor="middle" font-size="12">filter types (N)</text>
<text x="14" y="${(top + h - bottom) / 2}" transform="rotate(-90 14 ${(top + h - bottom) / 2})" text-anchor="middle" font-size="12">ms per query (median)</text>
${lines.join("\n")}
</svg>
`;
}
