// SVG bar charts for the audit HTML report, drawn as text here (no chart library, no script needed):
// horizontal bars with their labels and values; every label escaped.
import { displayText, escapeXml } from "../sanitize.js";
import { displayWidth } from "../text-width.js";

/** One bar. `value` sets its length; `text` is the number printed after it. */
export interface Bar {
  label: string;
  value: number;
  text: string;
  color: string;
  /** Tooltip (default: the label and the text). */
  title?: string;
}

export interface BarChartOptions {
  /** Accessible name of the chart. */
  name: string;
  /** Shown instead of an empty chart. */
  empty: string;
  width?: number;
  /** Pixels kept for labels on the left. */
  labelWidth?: number;
}

const ROW = 26;
const BAR = 16;
const PAD_TOP = 6;
const VALUE_SPACE = 96;
/** Approximate pixels per display column at the chart's 12px font. */
const PX_PER_COLUMN = 6.6;

/** `text` cut to at most `columns` display columns, with `…` when cut. */
export function truncateDisplay(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (width + w > columns - 1) break;
    out += ch;
    width += w;
  }
  return out + "…";
}

/** A horizontal bar chart as an inline `<svg>` element (no namespace needed inside HTML). */
export function renderBarChart(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 190;
  if (bars.length === 0) return `<p class="chart-empty">${escapeXml(options.empty)}</p>`;
  const height = PAD_TOP * 2 + bars.length * ROW;
  const max = Math.max(...bars.map((b) => b.value), 0);
  const span = width - labelWidth - VALUE_SPACE;
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.name, true)}">`,
  ];
  // A faint axis line where the bars start.
  parts.push(`<line x1="${labelWidth}" y1="${PAD_TOP - 2}" x2="${labelWidth}" y2="${height - PAD_TOP + 2}" class="axis"/>`);
  bars.forEach((b, i) => {
    const y = PAD_TOP + i * ROW;
    const length = max > 0 && b.value > 0 ? Math.max(2, (b.value / max) * span) : 0;
    const label = displayText(b.label);
    const title = escapeXml(displayText(b.title ?? `${b.label}: ${b.text}`));
    parts.push(
      `<g class="bar"><title>${title}</title>` +
        `<text x="${labelWidth - 8}" y="${y + ROW / 2}" class="label" text-anchor="end" dominant-baseline="central">${escapeXml(truncateDisplay(label, Math.floor((labelWidth - 12) / PX_PER_COLUMN)))}</text>` +
        `<rect x="${labelWidth}" y="${y + (ROW - BAR) / 2}" width="${length.toFixed(1)}" height="${BAR}" rx="3" fill="${escapeXml(b.color, true)}"/>` +
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + ROW / 2}" class="value" dominant-baseline="central">${escapeXml(b.text)}</text></g>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}

/** One segment of a stacked bar. */
export interface Segment {
  label: string;
  value: number;
  color: string;
}

/** A single 100 % bar split into segments, with a legend under it (shares of a whole). */
export function renderStackedBar(segments: readonly Segment[], options: BarChartOptions): string {
  const width = options.width ?? 560;
  const total = segments.reduce((n, s) => n + s.value, 0);
  if (total === 0) return `<p class="chart-empty">${escapeXml(options.empty)}</p>`;
  const legendRows = Math.ceil(segments.length / 2);
  const height = 34 + legendRows * 22 + 6;
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.name, true)}">`,
  ];
  let x = 0;
  segments.forEach((s) => {
    const w = (s.value / total) * width;
    const share = `${((s.value / total) * 100).toFixed(1)}%`;
    parts.push(
      `<g class="bar"><title>${escapeXml(displayText(`${s.label}: ${s.value} (${share})`))}</title>` +
        `<rect x="${x.toFixed(1)}" y="4" width="${Math.max(0, w - 1).toFixed(1)}" height="22" fill="${escapeXml(s.color, true)}"/></g>`,
    );
    x += w;
  });
  segments.forEach((s, i) => {
    const lx = (i % 2) * (width / 2);
    const ly = 34 + Math.floor(i / 2) * 22 + 8;
    const share = `${((s.value / total) * 100).toFixed(1)}%`;
    parts.push(
      `<rect x="${lx}" y="${ly - 6}" width="12" height="12" rx="2" fill="${escapeXml(s.color, true)}"/>` +
        `<text x="${lx + 18}" y="${ly}" class="label" dominant-baseline="central">${escapeXml(truncateDisplay(displayText(s.label), 30))}` +
        `<tspan class="value"> ${s.value} · ${share}</tspan></text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
