/**
 * Per-group chart for the HTML report as inline SVG: one horizontal bar per group with its
 * interval as whiskers, the group threshold as a dashed line, labelled axes, and a <title> on every
 * bar for screen readers and hover. Colours come from CSS classes (light/dark); the status is also
 * written as symbol and word at the end of each bar, never colour alone.
 */
import { scaleMaxOf, thresholdValues } from './bar.js';
import { selectGroups } from './cli-groups.js';
import { fmtCount, fmtInterval, fmtIntervalKind, fmtNum, isFiniteNumber } from './format.js';
import type { Result } from './model.js';
import { displayOf, SYMBOLS } from './status.js';
import { truncate } from './text.js';
import { escapeHtml as h } from './xml.js';

export const CHART_MAX_BARS = 60;
const W = 760;
const LABEL_W = 210;
const RIGHT_W = 150;
const PLOT_W = W - LABEL_W - RIGHT_W;
const BAR_H = 16;
const ROW_H = 26;
const TOP = 30;
const BOTTOM = 44;

function cls(status: string): string {
  return `st-${status}`;
}

/** Round tick step (0.1, 0.2, 0.25, 0.5, 1, 2, ...) giving 4-6 ticks over [0, max]. */
function ticks(max: number): number[] {
  const steps = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5];
  const mag = 10 ** Math.floor(Math.log10(max));
  const step = steps.map((s) => s * mag).find((s) => max / s <= 5) ?? mag * 10;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export function groupChart(r: Result, id: string): { svg: string; shown: number } {
  const groups = selectGroups(r.groups, false, CHART_MAX_BARS);
  const marks = thresholdValues(r.groupThreshold);
  const max = scaleMaxOf(r.groups, r.groupThreshold);
  const tickValues = ticks(max);
  const scale = tickValues[tickValues.length - 1]! >= max ? tickValues[tickValues.length - 1]! : max;
  const x = (v: number) => LABEL_W + (Math.min(Math.max(v, 0), scale) / scale) * PLOT_W;
  const height = TOP + groups.length * ROW_H + BOTTOM;
  // Bars show each group's own value, which for a disparity gate is not the gate's metric
  // (selection rate vs demographic_parity_ratio): say what it is only when the check tells us.
  const metric = r.groupMetric ?? 'group value';
  const kind = fmtIntervalKind(groups.find((g) => g.interval)?.interval) || 'confidence';
  const title = `${r.checkId} ${r.metric ?? r.slug}${r.subject ? ` by ${r.subject}` : ''}: ${r.groupMetric ?? 'value'} per group`;
  const desc = `Horizontal bars give each group's ${metric}; whiskers show the ${kind} interval` +
    (marks.length ? `; the dashed line marks the group threshold ${marks.map(fmtNum).join(' and ')}.` : '.');
  const f = (v: number) => v.toFixed(1);

  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d">`,
    `<title id="${id}-t">${h(title)}</title>`,
    `<desc id="${id}-d">${h(desc)}</desc>`,
  ];
  for (const t of tickValues) {
    parts.push(`<line class="grid" x1="${f(x(t))}" x2="${f(x(t))}" y1="${TOP - 6}" y2="${TOP + groups.length * ROW_H}"/>`);
    parts.push(`<text class="tick" x="${f(x(t))}" y="${TOP + groups.length * ROW_H + 16}" text-anchor="middle">${h(fmtTick(t))}</text>`);
  }
  parts.push(`<text class="axis" x="${f(LABEL_W + PLOT_W / 2)}" y="${height - 6}" text-anchor="middle">${h(metric)}</text>`);
  parts.push(`<text class="axis" x="${LABEL_W - 8}" y="${TOP - 12}" text-anchor="end">group</text>`);
  groups.forEach((g, i) => {
    const y = TOP + i * ROW_H + (ROW_H - BAR_H) / 2;
    const d = displayOf(g.status, r.severity === 'error');
    const label = `${SYMBOLS[d].unicode} ${d}`;
    const tip = `${g.subject}: ${fmtNum(g.value)}${g.interval ? ` ${fmtInterval(g.interval)}` : ''}, n=${fmtCount(g.n)}, ${d}${g.reason ? ` (${g.reason})` : ''}`;
    parts.push(`<g class="bar ${cls(g.status)}"><title>${h(tip)}</title>`);
    parts.push(`<text class="label" x="${LABEL_W - 8}" y="${f(y + BAR_H - 4)}" text-anchor="end">${h(truncate(g.subject, 30))}</text>`);
    if (isFiniteNumber(g.value)) parts.push(`<rect x="${LABEL_W}" y="${f(y)}" width="${f(Math.max(0.5, x(g.value) - LABEL_W))}" height="${BAR_H}" rx="2"/>`);
    const lo = g.interval?.lower;
    const hi = g.interval?.upper;
    if (isFiniteNumber(lo) && isFiniteNumber(hi)) {
      const cy = f(y + BAR_H / 2);
      parts.push(`<path class="whisker" d="M${f(x(lo))} ${cy}H${f(x(hi))}M${f(x(lo))} ${f(y + 3)}V${f(y + BAR_H - 3)}M${f(x(hi))} ${f(y + 3)}V${f(y + BAR_H - 3)}"/>`);
    }
    parts.push(`<text class="value" x="${LABEL_W + PLOT_W + 8}" y="${f(y + BAR_H - 4)}">${h(`${fmtNum(g.value)}  ${label}`)}</text></g>`);
  });
  for (const m of marks) {
    parts.push(`<line class="threshold" x1="${f(x(m))}" x2="${f(x(m))}" y1="${TOP - 8}" y2="${TOP + groups.length * ROW_H + 4}"/>`);
    parts.push(`<text class="threshold-label" x="${f(x(m))}" y="${TOP - 12}" text-anchor="middle">threshold ${h(fmtNum(m))}</text>`);
  }
  parts.push('</svg>');
  return { svg: parts.join(''), shown: groups.length };
}

function fmtTick(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toPrecision(3)));
}
